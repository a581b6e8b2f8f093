using Pipeline.Benchmarks;

return args switch
{
    ["ingest", .. var rest] => await IngestBenchmark.RunAsync(rest),
    ["linear-learner", .. var rest] => await LinearLearnerBenchmark.RunAsync(rest),
    ["endpoint", .. var rest] => await EndpointBenchmark.RunAsync(rest),
    ["headline", .. var rest] => await HeadlineBenchmark.RunAsync(rest),
    _ => IngestBenchmarkOptions.Usage($"Unknown command '{string.Join(' ', args)}' (commands: ingest, linear-learner, endpoint, headline)."),
};
