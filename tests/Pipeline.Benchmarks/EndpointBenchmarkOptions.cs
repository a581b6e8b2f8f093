namespace Pipeline.Benchmarks;

/// <summary>The endpoint benchmark's options (read by <see cref="EndpointBenchmarkCommand"/>); the initial values are the defaults.</summary>
internal sealed record EndpointBenchmarkOptions
{
    public static readonly EndpointBenchmarkOptions Defaults = new();

    /// <summary>The hosted model: <see cref="Contracts.Algorithms.LinearLearner"/> or <see cref="Contracts.Algorithms.XGBoost"/>.</summary>
    public string Algorithm { get; init; } = Contracts.Algorithms.LinearLearner;

    /// <summary>Seconds of requests over HTTP; the instance's scoring alone runs half as long.</summary>
    public double Seconds { get; init; } = 10;

    /// <summary>Size of each CSV body, in MB of 10^6 bytes.</summary>
    public double BodyMb { get; init; } = 5;

    /// <summary>Features of the model and columns of the CSV rows.</summary>
    public int Features { get; init; } = 25;
}
