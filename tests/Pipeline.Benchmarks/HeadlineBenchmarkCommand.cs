using System.CommandLine;
using Pipeline.Contracts;

namespace Pipeline.Benchmarks;

/// <summary>
/// `headline [--rows-per-year 1000000] [--seed 1729] [--max-concurrent-jobs 1]`, or with `--algorithm xgboost`
/// `[--instances 15] [--stores 10] [--items 30] [--days 1000] [--rounds 100]`.
/// </summary>
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

    private readonly Option<string> _algorithm = new("--algorithm")
    {
        Description = "linear-learner: the notebook's experiment; xgboost: the XGBoost blog's (generated store-item sales, 15 hosts).",
        DefaultValueFactory = _ => Defaults.Algorithm,
    };

    private readonly Option<int> _instances = NumberArgument.Between("--instances", "XGBoost only: hosts of each job.", Defaults.Instances, 1, 20);
    private readonly Option<int> _stores = NumberArgument.Between("--stores", "XGBoost only: stores of generated sales.", Defaults.Stores, 1, SalesDataSpec.MaxStores);
    private readonly Option<int> _items = NumberArgument.Between("--items", "XGBoost only: items of each store.", Defaults.Items, 1, SalesDataSpec.MaxItems);
    private readonly Option<int> _days = NumberArgument.Between("--days", "XGBoost only: days of each series (the last 56 are validation and test).", Defaults.Days, 60, SalesDataSpec.MaxDays);
    private readonly Option<int> _rounds = NumberArgument.Between("--rounds", "XGBoost only: num_round.", Defaults.Rounds, 1, 100_000);

    public HeadlineBenchmarkCommand()
        : base("headline", "Ingests five generated GDELT years and runs the notebook's FullyReplicated and ShardedByS3Key jobs on LocalSageMaker; prints the ratio of their training times against the 0.35 target (exit code 1 when missed). "
            + "With --algorithm xgboost: generated sales and the XGBoost blog's jobs on 15 hosts; prints the ratio and both validation RMSEs (no target).")
    {
        Options.Add(_rowsPerYear);
        Options.Add(_seed);
        Options.Add(_maxConcurrentJobs);
        _algorithm.AcceptOnlyFromAmong(Algorithms.LinearLearner, Algorithms.XGBoost);
        Options.Add(_algorithm);
        Options.Add(_instances);
        Options.Add(_stores);
        Options.Add(_items);
        Options.Add(_days);
        Options.Add(_rounds);
        SetAction((parseResult, _) => Read(parseResult) is var options && options.Algorithm == Algorithms.XGBoost
            ? XGBoostHeadlineBenchmark.RunAsync(options)
            : HeadlineBenchmark.RunAsync(options));
    }

    private HeadlineBenchmarkOptions Read(ParseResult parseResult) => new()
    {
        RowsPerYear = parseResult.GetValue(_rowsPerYear),
        Seed = parseResult.GetValue(_seed),
        MaxConcurrentJobs = parseResult.GetValue(_maxConcurrentJobs),
        Algorithm = parseResult.GetValue(_algorithm)!,
        Instances = parseResult.GetValue(_instances),
        Stores = parseResult.GetValue(_stores),
        Items = parseResult.GetValue(_items),
        Days = parseResult.GetValue(_days),
        Rounds = parseResult.GetValue(_rounds),
    };
}
