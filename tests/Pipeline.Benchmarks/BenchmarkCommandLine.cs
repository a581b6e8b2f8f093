using System.CommandLine;

namespace Pipeline.Benchmarks;

/// <summary>`dotnet run -c Release --project tests/Pipeline.Benchmarks -- &lt;command&gt; [options]`: the benchmarks.</summary>
internal static class BenchmarkCommandLine
{
    /// <summary>A bad command line, or a benchmark that cannot run here (its reference missing).</summary>
    public const int CannotRun = 2;

    public static RootCommand Create() =>
        new("Benchmarks of the pipeline, each a command (see the Benchmarks section of README.md).")
        {
            new IngestBenchmarkCommand(),
            new LinearLearnerBenchmarkCommand(),
            new EndpointBenchmarkCommand(),
            new HeadlineBenchmarkCommand(),
            new TransportBenchmarkCommand(),
            new SagaBenchmarkCommand(),
        };

    public static async Task<int> InvokeAsync(string[] args)
    {
        var parseResult = Create().Parse(args);
        // No Ctrl+C handling of System.CommandLine's: the benchmarks take no cancellation, Ctrl+C ends them as before.
        var exitCode = await parseResult.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
        // System.CommandLine answers a bad command line with 1, which the endpoint and headline benchmarks use for a missed target.
        return parseResult.Errors.Count > 0 ? CannotRun : exitCode;
    }

    public static int Refuse(string problem)
    {
        Console.Error.WriteLine(problem);
        return CannotRun;
    }
}
