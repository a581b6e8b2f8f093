using Pipeline.Aws.Runtime;

namespace Pipeline.Evaluator.Aws;

/// <summary>InvokeEndpoint on SageMaker Runtime (AWS or LocalSageMaker).</summary>
public sealed class SageMakerEndpointInvoker(SageMakerRuntimeClient runtime) : IEndpointInvoker
{
    public async Task<EndpointResponse> InvokeEndpointAsync(string endpointName, string contentType, string accept, ReadOnlyMemory<byte> body,
        CancellationToken cancellationToken)
    {
        var response = await runtime.InvokeEndpointAsync(new InvokeEndpointRequest
        {
            EndpointName = endpointName,
            Body = body,
            ContentType = contentType,
            Accept = accept,
        }, cancellationToken).ConfigureAwait(false);
        // An answer without a Content-Type is taken to be in the format asked for.
        return new EndpointResponse(response.Body, response.ContentType ?? accept);
    }
}
