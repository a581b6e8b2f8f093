using Pipeline.Aws;

namespace Pipeline.LocalSageMaker.Server;

/// <summary>The errors of the JSON protocol itself, as AWS names them, before any operation runs.</summary>
internal static class ProtocolErrors
{
    public static AwsServiceException UnknownOperation(string message) => new("UnknownOperationException", message);

    public static AwsServiceException Serialization(string message) => new("SerializationException", message);

    /// <summary>The code of a 413: a request body over the limit.</summary>
    public const string RequestEntityTooLarge = "RequestEntityTooLargeException";

    /// <summary>The code and message of a 500: nothing of the exception leaks to the caller.</summary>
    public const string InternalFailure = "InternalFailure";
}
