using System.Collections.Concurrent;
using System.Globalization;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Aws;
using Pipeline.Aws.SageMaker;
using Pipeline.Cli.Tests.Support;
using Pipeline.Contracts;
using Pipeline.ServiceDefaults;
using Pipeline.Storage;
using Pipeline.Storage.Local;
using static Pipeline.Cli.Tests.Support.CommandLine;

namespace Pipeline.Cli.Tests.Commands;

/// <summary>
/// The README's first command for real, on small generated data: every service in the process, LocalSageMaker
/// embedded (training on five simulated instances, real endpoints), nothing simulated by the test.
/// </summary>
public sealed class When_the_experiment_runs_on_LocalSageMaker : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Run_completes_reports_the_saved_predictions_mse_and_leaves_no_endpoint_behind()
    {
        var outFolder = Path.Combine(_folder.Path, "run");
        var probe = new EndpointProbe();

        var (exitCode, console) = await Run(["run", "--out", outFolder, "--rows-per-year", "20000"], services =>
            {
                services.AddSingleton(probe);
                services.AddBusRegistration(bus => bus.AddConsumer<EndpointsInService>());
                services.AddHostedService<EndpointsAfterTheRun>();
            })
            .WaitAsync(TimeSpan.FromMinutes(3));

        Assert.True(exitCode == 0, string.Join('\n', console.Lines));
        Assert.Contains(console.Lines, l => l.StartsWith("Stages: Ingesting ", StringComparison.Ordinal) && l.Contains("Training", StringComparison.Ordinal)
            && l.Contains(" total ", StringComparison.Ordinal));
        var report = await ReportJsonFile.ReadAsync(outFolder);
        Assert.Equal(["replicated", "sharded"], report.Variants.Select(v => v.Variant).Order());
        foreach (var variant in report.Variants)
        {
            // Trained for real: one log stream per instance, a positive span, a model that beats predicting nothing.
            Assert.Equal(5, variant.Hosts.Count);
            Assert.True(variant.LogSpanSeconds > 0);
            Assert.Equal(report.Dataset.Counts!.TestRows, variant.Metrics.Rows);
            Assert.True(variant.Metrics.R2 > 0, $"{variant.Variant}: R2 {variant.Metrics.R2}");

            // The MSE the report gives is the one of the predictions the Evaluator saved, recomputed here.
            var pairs = await SavedPredictionsAsync(variant.Metrics.PredictionsObject!);
            Assert.Equal(variant.Metrics.Rows, pairs.Count);
            var mse = pairs.Average(p => (p.Actual - p.Predicted) * (p.Actual - p.Predicted));
            Assert.True(Math.Abs(mse - variant.Metrics.Mse) <= 1e-9 * variant.Metrics.Mse, $"{variant.Variant}: {mse} vs {variant.Metrics.Mse}");
        }

        // Both endpoints were in service, and after the run SageMaker no longer knows either.
        Assert.Equal(2, probe.InService.Count);
        Assert.Equal(probe.InService.Keys.Order(), probe.AfterTheRun.Keys.Order());
        foreach (var (endpoint, answer) in probe.AfterTheRun)
            Assert.True(answer.StartsWith("ValidationException: Could not find endpoint", StringComparison.Ordinal), $"{endpoint}: {answer}");
    }

    /// <summary>The (actual, predicted) CSV the Evaluator wrote, from the object store the command's appsettings.json names.</summary>
    private static async Task<List<(double Actual, double Predicted)>> SavedPredictionsAsync(string uri)
    {
        var store = new LocalFolderObjectStore(Path.GetFullPath(Path.Combine("runs", "objects")));
        await using var stream = await store.OpenReadAsync(uri, default);
        using var reader = new StreamReader(stream);
        Assert.Equal("actual,predicted", await reader.ReadLineAsync());
        var pairs = new List<(double, double)>();
        while (await reader.ReadLineAsync() is { } line)
        {
            var fields = line.Split(',');
            pairs.Add((double.Parse(fields[0], CultureInfo.InvariantCulture), double.Parse(fields[1], CultureInfo.InvariantCulture)));
        }

        return pairs;
    }

    public sealed class EndpointProbe
    {
        public ConcurrentDictionary<string, string> InService { get; } = new();
        public ConcurrentDictionary<string, string> AfterTheRun { get; } = new();
    }

    /// <summary>Notes every endpoint the experiment brought into service.</summary>
    public sealed class EndpointsInService(EndpointProbe probe) : IConsumer<EndpointInService>
    {
        public Task Consume(ConsumeContext<EndpointInService> context)
        {
            probe.InService[context.Message.EndpointName] = context.Message.Variant;
            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// When the host stops (after the experiment ended, before the embedded LocalSageMaker goes), asks SageMaker
    /// about every endpoint that was in service, through the same client the Deployer uses.
    /// </summary>
    public sealed class EndpointsAfterTheRun(EndpointProbe probe, SageMakerClient sageMaker) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            foreach (var endpoint in probe.InService.Keys)
            {
                try
                {
                    var described = await sageMaker.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = endpoint }, cancellationToken);
                    probe.AfterTheRun[endpoint] = $"still there: {described.EndpointStatus}";
                }
                catch (AwsServiceException e)
                {
                    probe.AfterTheRun[endpoint] = e.Message;
                }
            }
        }
    }
}
