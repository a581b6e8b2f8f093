namespace Pipeline.Evaluator;

/// <summary>
/// SageMaker Runtime's InvokeEndpoint. Throws <see cref="Pipeline.Aws.ValidationException"/> when the endpoint
/// refuses the request and <see cref="Pipeline.Aws.ThrottlingException"/> when it asks the caller to slow down.
/// </summary>
public interface IEndpointInvoker
{
    Task<EndpointResponse> InvokeEndpointAsync(string endpointName, string contentType, string accept, ReadOnlyMemory<byte> body,
        CancellationToken cancellationToken);
}

/// <summary>The endpoint's answer: the body bytes and their content type.</summary>
public sealed record EndpointResponse(ReadOnlyMemory<byte> Body, string ContentType);
