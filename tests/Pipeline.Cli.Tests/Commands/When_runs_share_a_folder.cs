using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Aws.Logs;
using Pipeline.Cli.Tests.Support;
using Pipeline.Contracts;
using Pipeline.ServiceDefaults;
using static Pipeline.Cli.Tests.Support.CommandLine;

namespace Pipeline.Cli.Tests.Commands;

/// <summary>
/// Runs in the same working folder share its object store (runs/objects): each must still train and test on its own
/// data only. What a training job read is taken from its own log (linear learner's "#data: ... channel=train, files=N,
/// records=M" line per host), not from what ingestion says it wrote.
/// </summary>
public sealed partial class When_runs_share_a_folder : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_later_run_with_fewer_years_trains_only_on_its_own_training_years_and_tests_on_its_own_test_year()
    {
        var first = await RunAsync("first", "1979-1984", rowsPerYear: 3000);
        var second = await RunAsync("second", "1979-1981", rowsPerYear: 3000);

        first.AssertTrainedAndTestedOnItsOwnData(trainingYears: 5, testYear: 1984);
        second.AssertTrainedAndTestedOnItsOwnData(trainingYears: 2, testYear: 1981);
    }

    [Fact]
    public async Task Two_runs_at_once_with_other_settings_each_report_on_their_own_data()
    {
        // The same years, so the same keys under a shared prefix: train/1979.data, train/1980.data, test/1981.data.
        var runs = await Task.WhenAll(
            RunAsync("a", "1979-1981", rowsPerYear: 4000),
            RunAsync("b", "1979-1981", rowsPerYear: 2500));

        runs[0].AssertTrainedAndTestedOnItsOwnData(trainingYears: 2, testYear: 1981);
        runs[1].AssertTrainedAndTestedOnItsOwnData(trainingYears: 2, testYear: 1981);
        Assert.True(runs[0].Report.Dataset.Counts!.TestRows > runs[1].Report.Dataset.Counts!.TestRows);
        Assert.NotEqual(runs[0].Report.Dataset.Digest, runs[1].Report.Dataset.Digest);
    }

    private async Task<FinishedRun> RunAsync(string name, string years, int rowsPerYear)
    {
        var outFolder = Path.Combine(_folder.Path, name);
        var probe = new TrainingLogProbe();
        var (exitCode, console) = await Run(
                ["run", "--out", outFolder, "--years", years, "--rows-per-year", rowsPerYear.ToString(CultureInfo.InvariantCulture),
                    "--instances", "2", "--variants", "FullyReplicated"],
                services =>
                {
                    services.AddSingleton(probe);
                    services.AddBusRegistration(bus => bus.AddConsumer<TrainingJobsCompleted>());
                    services.AddHostedService<TrainingLogsAfterTheRun>();
                })
            .WaitAsync(TimeSpan.FromMinutes(5));

        Assert.True(exitCode == 0, $"{name}: " + string.Join('\n', console.Lines));
        var report = await ReportJsonFile.ReadAsync(outFolder);
        return new FinishedRun(name, report, probe);
    }

    private sealed record FinishedRun(string Name, ExperimentReport Report, TrainingLogProbe Probe)
    {
        public void AssertTrainedAndTestedOnItsOwnData(int trainingYears, int testYear)
        {
            var counts = Report.Dataset.Counts!;
            Assert.EndsWith($"/test/{testYear}.data", Report.Dataset.TestObject, StringComparison.Ordinal);
            var variant = Assert.Single(Report.Variants);
            Assert.Equal(counts.TestRows, variant.Metrics.Rows);

            // Replicated: every host reads the whole train channel, which must be this run's training years and nothing else.
            var reads = Probe.TrainChannelReads[variant.TrainingJobName];
            Assert.Equal(2, reads.Count);
            Assert.All(reads, read => Assert.Equal((trainingYears, counts.TrainRows), (read.Files, read.Records)));
        }
    }

    public sealed class TrainingLogProbe
    {
        public ConcurrentDictionary<string, bool> Jobs { get; } = new();

        /// <summary>Per training job, what each host's "#data: ... channel=train" line says it read.</summary>
        public ConcurrentDictionary<string, List<(int Files, long Records)>> TrainChannelReads { get; } = new();
    }

    public sealed class TrainingJobsCompleted(TrainingLogProbe probe) : IConsumer<TrainingJobCompleted>
    {
        public Task Consume(ConsumeContext<TrainingJobCompleted> context)
        {
            probe.Jobs[context.Message.TrainingJobName] = true;
            return Task.CompletedTask;
        }
    }

    /// <summary>When the host stops (before the embedded LocalSageMaker goes), reads every trained job's log through the Logs API.</summary>
    public sealed class TrainingLogsAfterTheRun(TrainingLogProbe probe, CloudWatchLogsClient logs) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            foreach (var job in probe.Jobs.Keys)
            {
                var reads = new List<(int, long)>();
                string? token = null;
                do
                {
                    var page = await logs.FilterLogEventsAsync(new FilterLogEventsRequest
                    {
                        LogGroupName = "/aws/sagemaker/TrainingJobs",
                        LogStreamNamePrefix = $"{job}/",
                        NextToken = token,
                    }, cancellationToken);
                    foreach (var e in page.Events ?? [])
                        if (TrainChannelLine().Match(e.Message ?? "") is { Success: true } m)
                            reads.Add((int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)));
                    token = page.NextToken;
                }
                while (token is not null);
                probe.TrainChannelReads[job] = reads;
            }
        }
    }

    [GeneratedRegex(@"#data: host=algo-\d+, channel=train, files=(\d+), records=(\d+)")]
    private static partial Regex TrainChannelLine();
}
