namespace Pipeline.Benchmarks;

/// <summary>The headline benchmark's options (read by <see cref="HeadlineBenchmarkCommand"/>); the initial values are the defaults.</summary>
internal sealed record HeadlineBenchmarkOptions
{
    public static readonly HeadlineBenchmarkOptions Defaults = new();

    /// <summary>Rows of each generated GDELT year.</summary>
    public long RowsPerYear { get; init; } = 1_000_000;

    public int Seed { get; init; } = 1729;

    /// <summary>Training jobs LocalSageMaker runs at a time: 2 runs the two jobs side by side on the same cores.</summary>
    public int MaxConcurrentJobs { get; init; } = 1;

    /// <summary><c>linear-learner</c> (the notebook's experiment) or <c>xgboost</c> (the XGBoost blog's).</summary>
    public string Algorithm { get; init; } = Contracts.Algorithms.LinearLearner;

    // The XGBoost blog's experiment only.
    public int Instances { get; init; } = Contracts.XGBoostBlog.InstanceCount;
    public int Stores { get; init; } = new Contracts.SalesDataSpec().Stores;
    public int Items { get; init; } = new Contracts.SalesDataSpec().Items;
    public int Days { get; init; } = new Contracts.SalesDataSpec().Days;
    public int Rounds { get; init; } = Contracts.XGBoostBlog.Rounds;
}
