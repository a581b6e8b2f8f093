using Amazon.Runtime;

namespace Pipeline.Saga.DynamoDb.Tests;

/// <summary>
/// Sends the client's requests to moto_server one at a time. DynamoDB applies a conditional write atomically; moto checks
/// the condition and then writes on whichever request thread it is, so two racing writes to one item can both pass the
/// check (seen under CPU load: 50 events consumed, 48 applied). In one file: the messages still race through load,
/// conditional write, conflict and retry, and each write is atomic as in DynamoDB.
/// </summary>
internal sealed class OneRequestAtATime : HttpClientFactory
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
        new(new Gate(_turn, new SocketsHttpHandler())) { Timeout = Timeout.InfiniteTimeSpan };

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => true;

    private sealed class Gate(SemaphoreSlim turn, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await turn.WaitAsync(cancellationToken);
            try
            {
                var response = await base.SendAsync(request, cancellationToken);
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                return response;
            }
            finally
            {
                turn.Release();
            }
        }
    }
}
