using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Aws;
using Pipeline.Testing;

namespace Pipeline.Evaluator.Tests.Aws;

/// <summary>The Evaluator's adapter as AddEvaluator registers it, against a recording server standing in for SageMaker Runtime.</summary>
public sealed class When_the_evaluator_invokes_an_endpoint
{
    private static ServiceProvider Evaluator(RecordingHttpServer server)
    {
        var services = new ServiceCollection().AddEvaluator(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Aws:Region"] = "eu-west-1",
            ["Aws:SageMakerRuntimeServiceUrl"] = server.Url,
        }).Build());
        services.AddSingleton(MotoServer.AwsCredentials());
        return services.BuildServiceProvider(true);
    }

    [Fact]
    public async Task The_batch_goes_to_the_endpoint_as_csv_and_the_answer_comes_back_with_its_type()
    {
        using var server = new RecordingHttpServer(new Reply(200, """{"predictions":[{"score":2.5},{"score":-1}]}""", "application/json"));
        await using var provider = Evaluator(server);
        var batch = Encoding.UTF8.GetBytes("1,0,0.5\n2,1,0.25\n");

        var answer = await provider.GetRequiredService<IEndpointInvoker>().InvokeEndpointAsync("sharded-e1", "text/csv", "application/json", batch, CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("/endpoints/sharded-e1/invocations", request.RawPath);
        Assert.Equal("text/csv", request.Header("Content-Type"));
        Assert.Equal("application/json", request.Header("Accept"));
        Assert.Equal(batch, request.Body);
        Assert.Equal("application/json", answer.ContentType);
        Assert.Equal("""{"predictions":[{"score":2.5},{"score":-1}]}""", Encoding.UTF8.GetString(answer.Body.Span));
    }

    [Fact]
    public async Task The_endpoints_refusal_is_a_ValidationException_with_its_message()
    {
        using var server = new RecordingHttpServer(new Reply(400, """{"message":"Unable to parse row 7"}""")
        {
            Headers = new Dictionary<string, string> { ["X-Amzn-ErrorType"] = "ValidationError:http://internal.amazon.com/coral/com.amazon.coral.validate/" },
        });
        await using var provider = Evaluator(server);

        var error = await Assert.ThrowsAsync<ValidationException>(() => provider.GetRequiredService<IEndpointInvoker>()
            .InvokeEndpointAsync("e", "text/csv", "application/json", "x"u8.ToArray(), CancellationToken.None));

        Assert.Equal("Unable to parse row 7", error.ServiceMessage);
    }

    [Fact]
    public async Task A_batch_over_6_MB_is_refused_before_anything_is_sent()
    {
        using var server = new RecordingHttpServer(Reply.Ok());
        await using var provider = Evaluator(server);

        await Assert.ThrowsAsync<ValidationException>(() => provider.GetRequiredService<IEndpointInvoker>()
            .InvokeEndpointAsync("e", "text/csv", "application/json", new byte[6_291_457], CancellationToken.None));
        Assert.Empty(server.Requests);
    }
}
