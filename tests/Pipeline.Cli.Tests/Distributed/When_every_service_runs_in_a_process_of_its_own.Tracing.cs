using System.Text.RegularExpressions;
using Pipeline.Cli.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Cli.Tests.Distributed;

/// <summary>
/// Traces: every process of the system exports over OTLP to a collector inside the test (<see cref="RunningSystem.Collector"/>);
/// one experiment published from the command line is one trace through all of them.
/// </summary>
public sealed partial class When_every_service_runs_in_a_process_of_its_own
{
    private static readonly string[] Processes =
    [
        "Pipeline.Cli", "Pipeline.Coordinator", "Pipeline.Ingestor", "Pipeline.Trainer", "Pipeline.JobWatcher", "Pipeline.Deployer",
        "Pipeline.Evaluator", "Pipeline.LocalSageMaker",
    ];

    private static readonly TimeSpan ExportWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task One_trace_reaches_every_process_with_unbroken_parent_links_and_the_pipelines_metrics_arrive()
    {
        using var temp = new TempFolder();
        using var run = PipelineProcess.Start(temp.Path, system.PublisherEnvironment(),
            // A size no other test here asks for: the Ingestor reuses a dataset it built before, and this one must be built.
            // Three instances, not the spec's default five: the count of host spans below is the test's own.
            ["run", "--transport", "sqs", "--rows-per-year", "3900", "--instances", "3", "--out", "traced"]);
        Assert.True(await run.WaitForExitAsync(TimeSpan.FromMinutes(5)) == 0, system.WithServiceLogs(run.Output));
        var experimentId = StartedLine().Match(run.Output).Groups[1].Value;

        // Spans leave each process in batches, a parent after its children: wait until the trace is whole.
        List<ExportedSpan> trace = [];
        List<ExportedSpan> orphans = [];
        var deadline = DateTime.UtcNow + ExportWait;
        do
        {
            await Task.Delay(500);
            var spans = system.Collector.Spans;
            var start = spans.FirstOrDefault(s => s.Name == "experiment" && s.Attributes.GetValueOrDefault("pipeline.experiment_id") == experimentId);
            if (start is null)
                continue;
            trace = [.. spans.Where(s => s.TraceId == start.TraceId)];
            var ids = trace.Select(s => s.SpanId).ToHashSet();
            orphans = [.. trace.Where(s => s.ParentSpanId.Length > 0 && !ids.Contains(s.ParentSpanId))];
        }
        while ((trace.Count == 0 || orphans.Count > 0 || !Processes.All(p => trace.Any(s => s.Service == p))) && DateTime.UtcNow < deadline);

        Assert.Empty(system.Collector.Unreadable);
        Assert.True(trace.Count > 0, $"no 'experiment' span for {experimentId} among {system.Collector.Spans.Count} spans");
        Assert.Equal(Processes.Order(), trace.Select(s => s.Service).Distinct().Order());
        Assert.True(orphans.Count == 0, "spans whose parent never arrived: "
            + string.Join("; ", orphans.Take(10).Select(o => $"{o.Service} {o.Name} (parent {o.ParentSpanId})")));
        var root = Assert.Single(trace, s => s.ParentSpanId.Length == 0);
        Assert.Equal(("Pipeline.Cli", "experiment"), (root.Service, root.Name));

        // The spans the pipeline adds: a year ingested, an AWS call with its resource, a training host, an evaluation batch.
        Assert.Contains(trace, s => s.Service == "Pipeline.Ingestor" && s.Name == "ingest year" && s.Attributes.ContainsKey("pipeline.rows.kept"));
        Assert.Contains(trace, s => s.Service == "Pipeline.Trainer" && s.Name == "SageMaker.CreateTrainingJob"
            && s.Attributes.GetValueOrDefault("aws.resource", "").Length > 0 && s.Attributes.ContainsKey("aws.attempts"));
        Assert.Equal(3, trace.Count(s => s.Service == "Pipeline.LocalSageMaker" && s.Name == "train host"
            && s.Attributes.GetValueOrDefault("pipeline.training_job", "").Contains("sharded", StringComparison.Ordinal)));
        Assert.Contains(trace, s => s.Service == "Pipeline.Evaluator" && s.Name == "evaluate batch" && s.Attributes.ContainsKey("pipeline.batch.rows"));

        var metrics = system.Collector.Metrics;
        var missing = new[]
        {
            ("Pipeline.Coordinator", "pipeline.stage.duration"), ("Pipeline.LocalSageMaker", "pipeline.training.seconds"),
            ("Pipeline.Evaluator", "pipeline.evaluation.mse"), ("Pipeline.Trainer", "pipeline.queue.wait"),
        }.Where(m => !metrics.Contains(m)).ToList();
        Assert.True(missing.Count == 0, $"missing {string.Join(", ", missing)} among {string.Join(", ", metrics.Order())}");
        Assert.Contains(metrics, m => m.Service == "Pipeline.Evaluator" && m.Metric.StartsWith("messaging.masstransit.", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"experiment ([0-9a-f-]{36}) started")]
    private static partial Regex StartedLine();
}
