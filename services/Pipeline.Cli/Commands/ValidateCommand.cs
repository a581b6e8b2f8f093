using System.CommandLine;
using Pipeline.Cli.Output;
using Pipeline.Cli.Specs;
using Spectre.Console;

namespace Pipeline.Cli.Commands;

/// <summary>`pipeline validate spec.json`: every problem at once, before anything runs.</summary>
internal sealed class ValidateCommand : Command
{
    private readonly Argument<string> _file = new("spec") { Description = "The experiment spec, a JSON file (see `pipeline spec`)." };

    public ValidateCommand(IAnsiConsole console)
        : base("validate", "Checks an experiment spec and prints \"valid\" or every problem, one per line (exit code 0 or 1).")
    {
        Arguments.Add(_file);
        SetAction(parseResult =>
        {
            var file = SpecFile.Read(parseResult.GetValue(_file)!);
            if (file.Spec is null)
            {
                console.WriteUnwrapped(file.Error!);
                return 1;
            }

            var problems = file.Spec.Validate();
            if (problems.Count == 0)
            {
                console.WriteUnwrapped("valid");
                return 0;
            }

            foreach (var problem in problems)
                console.WriteUnwrapped(problem);
            return 1;
        });
    }
}
