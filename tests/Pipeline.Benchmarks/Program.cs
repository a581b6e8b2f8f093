using Pipeline.Benchmarks;

return args switch
{
    ["ingest", .. var rest] => await IngestBenchmark.RunAsync(rest),
    ["linear-learner", .. var rest] => await LinearLearnerBenchmark.RunAsync(rest),
    ["endpoint", .. var rest] => await EndpointBenchmark.RunAsync(rest),
    _ => IngestBenchmarkOptions.Usage($"Unknown command '{string.Join(' ', args)}' (commands: ingest, linear-learner, endpoint)."),
};
