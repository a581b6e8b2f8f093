using System.CommandLine;
using System.Text.Json;
using Pipeline.Cli.Output;
using Pipeline.Cli.Specs;
using Spectre.Console;

namespace Pipeline.Cli.Commands;

/// <summary>`pipeline spec`: the spec `run` uses by default, as JSON to start a spec file from.</summary>
internal sealed class SpecCommand : Command
{
    public SpecCommand(IAnsiConsole console)
        : base("spec", "Prints the default experiment spec as JSON (generated data, local bucket, placeholder role); edit it and pass it to run --spec.")
    {
        SetAction(_ => console.WriteUnwrapped(JsonSerializer.Serialize(DefaultSpec.Create(), SpecJson.Options)));
    }
}
