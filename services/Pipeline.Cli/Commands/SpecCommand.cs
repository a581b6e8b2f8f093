using System.CommandLine;
using System.Text.Json;
using Pipeline.Cli.Output;
using Pipeline.Cli.Specs;
using Pipeline.Contracts;
using Spectre.Console;

namespace Pipeline.Cli.Commands;

/// <summary>`pipeline spec [--algorithm linear-learner|xgboost]`: a spec `run` can use, as JSON to start a spec file from.</summary>
internal sealed class SpecCommand : Command
{
    private readonly Option<string> _algorithm = new("--algorithm")
    {
        Description = $"{Algorithms.LinearLearner}: the notebook's experiment (the default spec of run); "
            + $"{Algorithms.XGBoost}: the XGBoost blog's (15 x ml.m4.4xlarge, generated store-item sales, batch transform).",
        DefaultValueFactory = _ => Algorithms.LinearLearner,
    };

    public SpecCommand(IAnsiConsole console)
        : base("spec", "Prints an experiment spec as JSON (generated data, local bucket, placeholder role); edit it and pass it to run --spec.")
    {
        _algorithm.AcceptOnlyFromAmong(Algorithms.LinearLearner, Algorithms.XGBoost);
        Options.Add(_algorithm);
        SetAction(parse =>
        {
            var spec = parse.GetValue(_algorithm) == Algorithms.XGBoost ? DefaultSpec.CreateXGBoost() : DefaultSpec.Create();
            console.WriteUnwrapped(JsonSerializer.Serialize(spec, SpecJson.Options));
        });
    }
}
