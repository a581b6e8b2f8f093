using System.Net;
using Pipeline.Aws;

namespace Pipeline.LocalSageMaker.Metrics;

/// <summary>
/// CloudWatch's modeled errors. On the wire (rpc-v2-cbor, query-compatible) each is its shape id in <c>__type</c> and
/// its query-protocol code in the <c>x-amzn-query-error</c> header, which botocore reports as the error's Code and
/// matches to <c>cloudwatch.exceptions.InvalidParameterValueException</c> and its like.
/// </summary>
public static class CloudWatchErrors
{
    public const string ShapeNamespace = "com.amazonaws.cloudwatch";

    public static AwsServiceException InvalidParameterValue(string message) => new("InvalidParameterValue", message);

    public static AwsServiceException InvalidParameterCombination(string message) => new("InvalidParameterCombination", message);

    public static AwsServiceException MissingParameter(string message) => new("MissingParameter", message);

    /// <summary>
    /// The <c>__type</c> of an error and, for a modeled one, its <c>x-amzn-query-error</c> value
    /// (<c>InvalidParameterValue;Sender</c>); an error the model does not have (protocol errors) goes by its own code.
    /// </summary>
    public static (string Type, string? QueryError) Describe(AwsServiceException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var shape = error.ErrorCode switch
        {
            "InvalidParameterValue" => "InvalidParameterValueException",
            "InvalidParameterCombination" => "InvalidParameterCombinationException",
            "MissingParameter" => "MissingRequiredParameterException",
            "InternalServiceError" => "InternalServiceFault",
            _ => null,
        };
        if (shape is null)
            return (error.ErrorCode, null);
        var fault = error.StatusCode >= HttpStatusCode.InternalServerError ? "Receiver" : "Sender";
        return ($"{ShapeNamespace}#{shape}", $"{error.ErrorCode};{fault}");
    }
}
