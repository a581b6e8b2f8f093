using System.Globalization;
using Pipeline.Aws.Http;

namespace Pipeline.Aws.Runtime;

/// <summary>SageMaker Runtime (REST-JSON): InvokeEndpoint as POST /endpoints/{EndpointName}/invocations, signed for "sagemaker".</summary>
public sealed class SageMakerRuntimeClient(AwsRequestSender sender)
{
    /// <summary>InvokeEndpoint's payload limit: 6 MB.</summary>
    public const int MaxBodyBytes = 6_291_456;

    public const string CustomAttributesHeader = "X-Amzn-SageMaker-Custom-Attributes";
    public const string TargetVariantHeader = "X-Amzn-SageMaker-Target-Variant";
    public const string InferenceIdHeader = "X-Amzn-SageMaker-Inference-Id";
    public const string InvokedProductionVariantHeader = "X-Amzn-Invoked-Production-Variant";

    /// <summary>Refuses a body over <see cref="MaxBodyBytes"/> with a <see cref="ValidationException"/> before sending anything.</summary>
    public async Task<InvokeEndpointResponse> InvokeEndpointAsync(InvokeEndpointRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.EndpointName))
            throw new ValidationException("InvokeEndpoint needs an EndpointName.");
        if (request.Body.Length > MaxBodyBytes)
            throw new ValidationException(string.Create(CultureInfo.InvariantCulture,
                $"InvokeEndpoint body of {request.Body.Length:N0} bytes for endpoint {request.EndpointName} exceeds SageMaker Runtime's limit of {MaxBodyBytes:N0} bytes (6 MB); nothing was sent."));

        var headers = new Dictionary<string, string>();
        AddIfSet(headers, "Accept", request.Accept);
        AddIfSet(headers, CustomAttributesHeader, request.CustomAttributes);
        AddIfSet(headers, TargetVariantHeader, request.TargetVariant);
        AddIfSet(headers, InferenceIdHeader, request.InferenceId);
        var response = await sender.SendAsync(
            new AwsHttpRequest("InvokeEndpoint", "/endpoints/{EndpointName}/invocations", request.Body,
                request.ContentType ?? "application/octet-stream")
            {
                PathResources = new Dictionary<string, string> { ["{EndpointName}"] = request.EndpointName },
                Headers = headers,
                Resource = request.EndpointName,
            },
            cancellationToken).ConfigureAwait(false);

        return new InvokeEndpointResponse
        {
            Body = response.Body,
            ContentType = response.ContentType,
            InvokedProductionVariant = response.Header(InvokedProductionVariantHeader),
            CustomAttributes = response.Header(CustomAttributesHeader),
        };
    }

    private static void AddIfSet(Dictionary<string, string> headers, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
            headers[name] = value;
    }
}
