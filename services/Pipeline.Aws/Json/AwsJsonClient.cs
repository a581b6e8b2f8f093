using System.Text.Json;
using Pipeline.Aws.Http;

namespace Pipeline.Aws.Json;

/// <summary>
/// The JSON 1.1 protocol (SageMaker, CloudWatch Logs): every operation is a POST to "/" naming the operation in
/// X-Amz-Target, with the request and the answer as JSON documents.
/// </summary>
public sealed class AwsJsonClient(AwsRequestSender sender, string targetPrefix, JsonSerializerOptions serializerOptions)
{
    public const string ContentType = "application/x-amz-json-1.1";

    public async Task<TResponse> InvokeAsync<TRequest, TResponse>(string operation, TRequest request, CancellationToken cancellationToken)
    {
        var response = await SendAsync(operation, request, cancellationToken).ConfigureAwait(false);
        // Some operations answer with an empty body where their model has an (all-optional) output shape.
        var body = response.Body.Length == 0 ? "{}"u8.ToArray() : response.Body;
        return JsonSerializer.Deserialize<TResponse>(body, serializerOptions)
               ?? throw new JsonException($"{targetPrefix}{operation} answered null.");
    }

    /// <summary>An operation whose answer carries nothing (the deletes and stops).</summary>
    public async Task InvokeAsync<TRequest>(string operation, TRequest request, CancellationToken cancellationToken) =>
        await SendAsync(operation, request, cancellationToken).ConfigureAwait(false);

    private Task<AwsHttpResponse> SendAsync<TRequest>(string operation, TRequest request, CancellationToken cancellationToken)
    {
        var target = targetPrefix + operation;
        var body = JsonSerializer.SerializeToUtf8Bytes(request, serializerOptions);
        return sender.SendAsync(new AwsHttpRequest(target, "/", body, ContentType)
        {
            Headers = new Dictionary<string, string> { ["X-Amz-Target"] = target },
            Resource = AwsTelemetry.ResourceOf(request),
        }, cancellationToken);
    }
}
