using System.CommandLine;
using Pipeline.Contracts;

namespace Pipeline.Benchmarks;

/// <summary>`endpoint [--algorithm linear-learner|xgboost] [--seconds 10] [--body-mb 5] [--features 25]`.</summary>
internal sealed class EndpointBenchmarkCommand : Command
{
    private static readonly EndpointBenchmarkOptions Defaults = EndpointBenchmarkOptions.Defaults;

    private readonly Option<string> _algorithm = new Option<string>("--algorithm")
    {
        Description = "The hosted model: linear-learner, or xgboost (trained in the run by Debian's python3-xgboost and compared with its Booster.predict).",
        DefaultValueFactory = _ => Defaults.Algorithm,
    }.AcceptOnlyFromAmong(Algorithms.LinearLearner, Algorithms.XGBoost);

    private readonly Option<double> _seconds = NumberArgument.Positive(
        "--seconds", "Seconds of requests over HTTP; the instance's scoring alone runs half as long.", Defaults.Seconds);

    private readonly Option<double> _bodyMb = NumberArgument.Positive(
        "--body-mb", "Size of each CSV body, in MB of 10^6 bytes.", Defaults.BodyMb);

    private readonly Option<int> _features = NumberArgument.AtLeast(
        "--features", "Features of the model and columns of the CSV rows.", Defaults.Features, 1);

    public EndpointBenchmarkCommand()
        : base("endpoint", "Posts CSV bodies, one at a time on one core, to a model on a LocalSageMaker endpoint over loopback. Linear learner: prints rows/s against the 500,000 rows/s target (exit code 1 when missed). XGBoost: prints rows/s against python3-xgboost's on the same body and model (exit code 1 when it is slower or its scores differ).")
    {
        Options.Add(_algorithm);
        Options.Add(_seconds);
        Options.Add(_bodyMb);
        Options.Add(_features);
        SetAction((parseResult, _) => EndpointBenchmark.RunAsync(Read(parseResult)));
    }

    private EndpointBenchmarkOptions Read(ParseResult parseResult) => new()
    {
        Algorithm = parseResult.GetValue(_algorithm)!,
        Seconds = parseResult.GetValue(_seconds),
        BodyMb = parseResult.GetValue(_bodyMb),
        Features = parseResult.GetValue(_features),
    };
}
