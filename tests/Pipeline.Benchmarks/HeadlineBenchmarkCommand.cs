using System.CommandLine;

namespace Pipeline.Benchmarks;

/// <summary>`headline [--rows-per-year 1000000] [--seed 1729] [--max-concurrent-jobs 1]`.</summary>
internal sealed class HeadlineBenchmarkCommand : Command
{
    private static readonly HeadlineBenchmarkOptions Defaults = HeadlineBenchmarkOptions.Defaults;

    private readonly Option<long> _rowsPerYear = NumberArgument.AtLeast(
        "--rows-per-year", "Rows of each generated GDELT year (five training years and the test year).", Defaults.RowsPerYear, 1L);

    private readonly Option<int> _seed = new("--seed")
    {
        Description = "Seed of the generated years and of the split.",
        DefaultValueFactory = _ => Defaults.Seed,
    };

    private readonly Option<int> _maxConcurrentJobs = NumberArgument.Between(
        "--max-concurrent-jobs", "Training jobs LocalSageMaker runs at a time: 2 runs the two jobs side by side on the same cores.", Defaults.MaxConcurrentJobs, 1, 64);

    public HeadlineBenchmarkCommand()
        : base("headline", "Ingests five generated GDELT years and runs the notebook's FullyReplicated and ShardedByS3Key jobs on LocalSageMaker; prints the ratio of their training times against the 0.35 target (exit code 1 when missed).")
    {
        Options.Add(_rowsPerYear);
        Options.Add(_seed);
        Options.Add(_maxConcurrentJobs);
        SetAction((parseResult, _) => HeadlineBenchmark.RunAsync(Read(parseResult)));
    }

    private HeadlineBenchmarkOptions Read(ParseResult parseResult) => new()
    {
        RowsPerYear = parseResult.GetValue(_rowsPerYear),
        Seed = parseResult.GetValue(_seed),
        MaxConcurrentJobs = parseResult.GetValue(_maxConcurrentJobs),
    };
}
