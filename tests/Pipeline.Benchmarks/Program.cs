using Pipeline.Benchmarks;

return await BenchmarkCommandLine.InvokeAsync(args);
