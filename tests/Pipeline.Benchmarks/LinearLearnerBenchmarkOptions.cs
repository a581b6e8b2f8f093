namespace Pipeline.Benchmarks;

/// <summary>The linear-learner benchmark's options (read by <see cref="LinearLearnerBenchmarkCommand"/>); the initial values are the defaults.</summary>
internal sealed record LinearLearnerBenchmarkOptions
{
    public static readonly LinearLearnerBenchmarkOptions Defaults = new();

    public int TrainRows { get; init; } = 1_000_000;
    public int ValidationRows { get; init; } = 200_000;
    public int Epochs { get; init; } = 3;
    public int MiniBatchSize { get; init; } = 1000;
    public int Seed { get; init; } = 1729;
    public bool SkipReference { get; init; }
    public string? Work { get; init; }
    public bool Keep { get; init; }
}
