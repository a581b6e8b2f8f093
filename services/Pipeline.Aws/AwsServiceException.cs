using System.Net;

namespace Pipeline.Aws;

/// <summary>An error answer from an AWS service (or LocalSageMaker), carrying the service's code and message.</summary>
public class AwsServiceException(string errorCode, string message, HttpStatusCode statusCode = HttpStatusCode.BadRequest)
    : Exception($"{errorCode}: {message}")
{
    public string ErrorCode { get; } = errorCode;
    public string ServiceMessage { get; } = message;
    public HttpStatusCode StatusCode { get; } = statusCode;
}

/// <summary>The resource already exists (a retried create), or is in a state that forbids the call.</summary>
public sealed class ResourceInUseException(string message) : AwsServiceException("ResourceInUse", message);

/// <summary>The resource does not exist (yet, or any more). <see cref="AwsServiceException.ErrorCode"/> is the service's word for it.</summary>
public sealed class ResourceNotFoundException(string message, string errorCode = "ResourceNotFound", HttpStatusCode statusCode = HttpStatusCode.BadRequest)
    : AwsServiceException(errorCode, message, statusCode);

/// <summary>The request was refused as invalid; retrying the same request cannot succeed.</summary>
public sealed class ValidationException(string message, string errorCode = "ValidationException") : AwsServiceException(errorCode, message);

/// <summary>The service asked the caller to slow down.</summary>
public sealed class ThrottlingException(string message) : AwsServiceException("ThrottlingException", message, HttpStatusCode.TooManyRequests);
