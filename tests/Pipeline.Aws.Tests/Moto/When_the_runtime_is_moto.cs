using System.Text;
using Pipeline.Aws.Runtime;

namespace Pipeline.Aws.Tests.Moto;

/// <summary>moto routes InvokeEndpoint by its REST path and answers with canned values, whatever the endpoint.</summary>
[Collection(MotoCollection.Name)]
public sealed class When_the_runtime_is_moto(MotoServer moto) : IDisposable
{
    private readonly AwsClients _clients = moto.CreateAwsClients();

    [Fact]
    public async Task InvokeEndpoint_reaches_it_and_reads_its_answer()
    {
        var answer = await _clients.SageMakerRuntime.InvokeEndpointAsync(new InvokeEndpointRequest
        {
            EndpointName = "any-endpoint", Body = "1,2,3"u8.ToArray(), ContentType = "text/csv", Accept = "application/json",
        });

        Assert.False(answer.Body.IsEmpty, Encoding.UTF8.GetString(answer.Body.Span));
        Assert.NotNull(answer.ContentType);
    }

    public void Dispose() => _clients.Dispose();
}
