using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Aws;
using Pipeline.Aws.Http;
using Pipeline.Aws.SageMaker;
using Pipeline.Cli.Hosting;

namespace Pipeline.Cli.Tests.Hosting;

/// <summary>
/// The LocalSageMaker a run starts in its process requires signatures with credentials made for that run, which only
/// the run's own clients hold: another process on the machine can no longer create training jobs on it.
/// </summary>
public sealed class When_LocalSageMaker_is_embedded : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("embedded-localsagemaker-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task An_unsigned_request_is_refused_and_the_runs_own_clients_are_served()
    {
        var builder = Builder();
        await using var embedded = await EmbeddedLocalSageMaker.StartAsync(builder, CancellationToken.None);
        using var http = new HttpClient();
        using var unsigned = new HttpRequestMessage(HttpMethod.Post, embedded!.Address)
        {
            Content = new StringContent("""{"TrainingJobName":"x","AlgorithmSpecification":{"TrainingImage":"local:id"}}""", Encoding.UTF8, "application/x-amz-json-1.1"),
        };
        unsigned.Headers.Add("X-Amz-Target", "SageMaker.CreateTrainingJob");

        using var refused = await http.SendAsync(unsigned);
        await using var services = builder.Services.BuildServiceProvider();
        var clients = services.GetRequiredService<AwsClients>();
        var listed = await clients.SageMaker.ListTrainingJobsAsync(new ListTrainingJobsRequest());

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("MissingAuthenticationTokenException", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(listed.TrainingJobSummaries!);
    }

    [Fact]
    public async Task Each_run_gets_credentials_of_its_own()
    {
        var first = Builder();
        var second = Builder();
        await using var one = await EmbeddedLocalSageMaker.StartAsync(first, CancellationToken.None);
        await using var two = await EmbeddedLocalSageMaker.StartAsync(second, CancellationToken.None);

        var a = await Credentials(first).GetAsync(CancellationToken.None);
        var b = await Credentials(second).GetAsync(CancellationToken.None);

        Assert.NotEqual(a.AccessKey, b.AccessKey);
        Assert.NotEqual(a.SecretKey, b.SecretKey);
        Assert.True(a.SecretKey.Length >= 40);
    }

    private static AwsCredentialsSource Credentials(HostApplicationBuilder builder) =>
        (AwsCredentialsSource)builder.Services.Last(d => d.ServiceType == typeof(AwsCredentialsSource)).ImplementationInstance!;

    private HostApplicationBuilder Builder()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Kind"] = "Local",
            ["Storage:Root"] = Path.Combine(_folder.FullName, "objects"),
            ["LocalSageMaker:WorkRoot"] = Path.Combine(_folder.FullName, "work"),
        });
        builder.Services.AddSageMakerClients(builder.Configuration);
        return builder;
    }
}
