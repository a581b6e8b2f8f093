using System.CommandLine;

namespace Pipeline.Benchmarks;

/// <summary>`saga [--experiments 200] [--timeout-minutes 15]`.</summary>
internal sealed class SagaBenchmarkCommand : Command
{
    private readonly Option<int> _experiments = NumberArgument.Between("--experiments", "Experiments started at once.", 200, 1, 10_000);

    private readonly Option<int> _timeoutMinutes = NumberArgument.Between("--timeout-minutes", "How long each setup may take before the rest count as lost.", 15, 1, 240);

    public SagaBenchmarkCommand()
        : base("saga", "Experiments per second through the experiment saga, every command answered at once: in-memory transport and store against our SQS transport with the DynamoDB saga store on moto_server (exit code 1 when any experiment does not complete).")
    {
        Options.Add(_experiments);
        Options.Add(_timeoutMinutes);
        SetAction((parseResult, _) =>
            SagaBenchmark.RunAsync(parseResult.GetValue(_experiments), TimeSpan.FromMinutes(parseResult.GetValue(_timeoutMinutes))));
    }
}
