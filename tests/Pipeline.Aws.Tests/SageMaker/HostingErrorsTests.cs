using System.Net;
using Pipeline.Aws.SageMaker;

namespace Pipeline.Aws.Tests.SageMaker;

public sealed class HostingErrorsTests
{
    public static TheoryData<Exception, bool, bool> Errors => new()
    {
        // SageMaker's own answers (messages as the service words them).
        { new ValidationException("Cannot create already existing model \"arn:aws:sagemaker:us-east-1:123456789012:model/m\"."), true, false },
        { new ValidationException("Cannot create already existing endpoint configuration \"arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/c\"."), true, false },
        { new ValidationException("Cannot create already existing endpoint \"arn:aws:sagemaker:us-east-1:123456789012:endpoint/e\"."), true, false },
        { new ValidationException("Could not find model \"arn:aws:sagemaker:us-east-1:123456789012:model/m\"."), false, true },
        { new ValidationException("Could not find endpoint \"e\"."), false, true },
        { new ResourceInUseException("Resource in use"), true, false },
        { new ResourceNotFoundException("Resource not found"), false, true },
        // Everything else means neither.
        { new ValidationException("1 validation error detected: Value 'ml.bogus' at 'instanceType' failed to satisfy constraint"), false, false },
        { new ThrottlingException("Rate exceeded"), false, false },
        { new AwsServiceException("InternalFailure", "Could not find a healthy host", HttpStatusCode.InternalServerError), false, false },
        { new InvalidOperationException("Cannot create already existing model"), false, false },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Classifies_sagemaker_errors(Exception error, bool alreadyExists, bool notFound)
    {
        Assert.Equal(alreadyExists, HostingErrors.IsAlreadyExists(error));
        Assert.Equal(notFound, HostingErrors.IsNotFound(error));
    }
}
