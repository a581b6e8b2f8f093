using Pipeline.Data.RecordIO;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Cli.Tests.Support;
using Pipeline.Contracts;
using Pipeline.Deployer;
using Pipeline.Evaluator;
using Pipeline.Ingestor;
using Pipeline.JobWatcher;
using Pipeline.Trainer;
using static Pipeline.Cli.Tests.Support.CommandLine;

namespace Pipeline.Cli.Tests.Commands;

/// <summary>
/// The embedded host end to end: the real saga and the five real workers on one in-memory bus, with the outside
/// world simulated. Proves the wiring (queues, correlation, scheduling) that no single-service test can.
/// </summary>
public sealed class When_every_part_is_there : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    internal static SimulatedAws World()
    {
        var random = new Random(7);
        var truth = Enumerable.Range(0, 25).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var rows = Enumerable.Range(0, 3000).Select(_ =>
        {
            var features = Enumerable.Range(0, 25).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
            var label = (float)(features.Zip(truth, (x, w) => x * w).Sum() + (random.NextDouble() - 0.5));
            return new DenseRow(features, label);
        }).ToList();
        return new SimulatedAws
        {
            LogSpans = new Dictionary<string, double> { ["replicated"] = 480, ["sharded"] = 120 },
            Models = new Dictionary<string, float[]>
            {
                ["replicated"] = truth,
                ["sharded"] = truth.Select(w => w * 0.9f).ToArray(),
            },
            TestRows = rows,
        };
    }

    internal static void Register(IServiceCollection services, SimulatedAws world)
    {
        services.AddSingleton<IDatasetBuilder>(world);
        services.AddSingleton<ITrainingJobControl>(world);
        services.AddSingleton<ITrainingJobDescriber>(world);
        services.AddSingleton<ITrainingLogReader>(world);
        services.AddSingleton<IEndpointHosting>(world);
        services.AddSingleton<IEndpointInvoker>(world);
        services.AddSingleton<ITestSetReader>(world);
        services.PostConfigure<JobWatcherOptions>(o => o.PollInterval = TimeSpan.FromMilliseconds(50));
        services.PostConfigure<DeployerOptions>(o => o.PollInterval = TimeSpan.FromMilliseconds(50));
    }

    private static double Mse(IReadOnlyList<DenseRow> rows, float[] weights) =>
        rows.Average(r =>
        {
            var error = r.Features.Zip(weights, (x, w) => (double)x * w).Sum() - r.Label;
            return error * error;
        });

    [Fact]
    public async Task Run_completes_the_experiment_and_writes_a_report_that_matches_the_simulated_world()
    {
        var world = World();
        var outFolder = Path.Combine(_folder.Path, "run");

        var (exitCode, console) = await Run(["run", "--out", outFolder, "--rows-per-year", "1000"], s => Register(s, world))
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, console.Output);
        var report = await ReportJsonFile.ReadAsync(outFolder);
        var replicated = report.Variants.Single(v => v.Variant == "replicated");
        var sharded = report.Variants.Single(v => v.Variant == "sharded");

        Assert.Equal(480, replicated.LogSpanSeconds, 3);
        Assert.Equal(120, sharded.LogSpanSeconds, 3);
        Assert.Equal(4.0, sharded.SpeedUp!.Value, 6);
        Assert.Equal((480 + 50) * 5, replicated.BilledSeconds);
        Assert.Equal(5, replicated.Hosts.Count);

        // The CSV the endpoint saw had %g-rounded features, hence the relative tolerance.
        var expectedReplicated = Mse(world.TestRows, world.Models["replicated"]);
        var expectedSharded = Mse(world.TestRows, world.Models["sharded"]);
        Assert.Equal(3000, replicated.Metrics.Rows);
        Assert.True(Math.Abs(replicated.Metrics.Mse - expectedReplicated) < 1e-4 * expectedReplicated, $"{replicated.Metrics.Mse} vs {expectedReplicated}");
        Assert.True(Math.Abs(sharded.Metrics.Mse - expectedSharded) < 1e-4 * expectedSharded, $"{sharded.Metrics.Mse} vs {expectedSharded}");
        Assert.Equal(expectedSharded / expectedReplicated, sharded.MseRatio!.Value, 3);

        var page = Path.Combine(outFolder, "report.html");
        Assert.True(File.Exists(page));
        Assert.Contains(console.Lines, l => l.Contains(page, StringComparison.Ordinal));
        Assert.Contains(sharded.TrainingJobName, await File.ReadAllTextAsync(page), StringComparison.Ordinal);

        Assert.Equal(2, world.JobsCreated);
        Assert.Empty(world.LiveEndpoints);
        Assert.Equal(0, world.LiveEndpointConfigs);
        Assert.Equal(0, world.LiveModels);
    }
}
