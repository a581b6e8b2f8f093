using System.CommandLine;

namespace Pipeline.Benchmarks;

/// <summary>`endpoint [--seconds 10] [--body-mb 5] [--features 25]`.</summary>
internal sealed class EndpointBenchmarkCommand : Command
{
    private static readonly EndpointBenchmarkOptions Defaults = EndpointBenchmarkOptions.Defaults;

    private readonly Option<double> _seconds = NumberArgument.Positive(
        "--seconds", "Seconds of requests over HTTP; the instance's scoring alone runs half as long.", Defaults.Seconds);

    private readonly Option<double> _bodyMb = NumberArgument.Positive(
        "--body-mb", "Size of each CSV body, in MB of 10^6 bytes.", Defaults.BodyMb);

    private readonly Option<int> _features = NumberArgument.AtLeast(
        "--features", "Features of the model and columns of the CSV rows.", Defaults.Features, 1);

    public EndpointBenchmarkCommand()
        : base("endpoint", "Posts CSV bodies, one at a time on one core, to a linear learner model on a LocalSageMaker endpoint over loopback; prints rows/s against the 500,000 rows/s target (exit code 1 when missed).")
    {
        Options.Add(_seconds);
        Options.Add(_bodyMb);
        Options.Add(_features);
        SetAction((parseResult, _) => EndpointBenchmark.RunAsync(Read(parseResult)));
    }

    private EndpointBenchmarkOptions Read(ParseResult parseResult) => new()
    {
        Seconds = parseResult.GetValue(_seconds),
        BodyMb = parseResult.GetValue(_bodyMb),
        Features = parseResult.GetValue(_features),
    };
}
