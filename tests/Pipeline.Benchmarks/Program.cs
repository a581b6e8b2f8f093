using Pipeline.Benchmarks;

return args is ["ingest", .. var rest]
    ? await IngestBenchmark.RunAsync(rest)
    : IngestBenchmarkOptions.Usage($"Unknown command '{string.Join(' ', args)}'.");
