using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Aws.Json;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Api;
using Pipeline.LocalSageMaker.Server;
using Pipeline.LocalSageMaker.Tests.Server.Doubles;

namespace Pipeline.LocalSageMaker.Tests.Server;

/// <summary>How later APIs (hosting) join: one more operation table with the SageMaker prefix.</summary>
public sealed class When_another_table_serves_the_same_service
{
    public sealed record PingRequest
    {
        public string? Name { get; init; }
    }

    public sealed record PingResponse
    {
        public string? Echo { get; init; }
    }

    public sealed class PingApi
    {
        public Task<PingResponse> PingAsync(PingRequest request) => Task.FromResult(new PingResponse { Echo = request.Name });
    }

    [Fact]
    public async Task Both_tables_operations_are_served_under_the_one_target_prefix()
    {
        var trainingJobs = new ScriptedTrainingJobApi { OnList = _ => new ListTrainingJobsResponse { TrainingJobSummaries = [] } };
        await using var server = new LocalSageMakerServer(services => services
            .AddSingleton<ITrainingJobApi>(trainingJobs)
            .AddSingleton(new PingApi())
            .AddSingleton<IOperationTable>(new OperationTable<PingApi>("SageMaker", AwsJson.SageMaker)
                .Add<PingRequest, PingResponse>("Ping", (api, request, _) => api.PingAsync(request))));
        var address = await server.StartAsync();

        var (pingStatus, ping) = await PostAsync(address, "SageMaker.Ping", """{"Name":"hello"}""");
        var (listStatus, _) = await PostAsync(address, "SageMaker.ListTrainingJobs", "{}");

        Assert.Equal((HttpStatusCode.OK, """{"Echo":"hello"}"""), (pingStatus, ping));
        Assert.Equal(HttpStatusCode.OK, listStatus);
    }

    [Fact]
    public async Task Two_tables_serving_the_same_operation_are_refused()
    {
        await using var server = new LocalSageMakerServer(services => services
            .AddSingleton<IOperationTable>(LocalSageMakerOperations.SageMaker()));

        var refusal = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => server.StartAsync());

        Assert.Contains("SageMaker.CreateTrainingJob", refusal.Message, StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode, string)> PostAsync(Uri address, string target, string body)
    {
        using var http = new HttpClient();
        using var content = new StringContent(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = content };
        request.Headers.Add("X-Amz-Target", target);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
