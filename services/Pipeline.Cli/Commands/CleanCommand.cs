using System.CommandLine;
using System.Globalization;
using Pipeline.Cli.Output;
using Spectre.Console;

namespace Pipeline.Cli.Commands;

/// <summary>`pipeline clean`: deletes what old runs left under runs/ (reports, objects, LocalSageMaker's job folders).</summary>
internal sealed class CleanCommand : Command
{
    private readonly IAnsiConsole _console;
    private readonly TimeProvider _clock;

    private readonly Option<TimeSpan> _olderThan = AgeOption.Create("--older-than", TimeSpan.FromDays(7),
        "Delete files last written longer ago than this: 7d, 12h, 30m (default 7d). Files of a run under way are newer.");

    private readonly Option<string> _folder = new("--folder") { Description = "The runs folder to clean.", DefaultValueFactory = _ => "runs" };

    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "Only say what would be deleted." };

    public CleanCommand(IAnsiConsole console, TimeProvider clock)
        : base("clean", "Deletes files under runs/ (reports, the local object store, LocalSageMaker's job folders) older than --older-than, and the folders left empty.")
    {
        _console = console;
        _clock = clock;
        Options.Add(_olderThan);
        Options.Add(_folder);
        Options.Add(_dryRun);
        SetAction(parseResult => Clean(parseResult.GetValue(_folder)!, parseResult.GetValue(_olderThan), parseResult.GetValue(_dryRun)));
    }

    private int Clean(string folder, TimeSpan olderThan, bool dryRun)
    {
        if (!Directory.Exists(folder))
        {
            _console.WriteUnwrapped($"Nothing to clean: {Path.GetFullPath(folder)} does not exist.");
            return ExitCodes.Completed;
        }

        var result = new RunsFolderCleanup(folder, _clock.GetUtcNow() - olderThan, dryRun).Run();
        var verb = dryRun ? "Would delete" : "Deleted";
        _console.WriteUnwrapped(string.Create(CultureInfo.InvariantCulture,
            $"{verb} {result.Files:N0} files ({result.Bytes / 1e6:N1} MB) older than {olderThan.TotalDays:0.##} days from {Path.GetFullPath(folder)}; kept {result.Kept:N0} newer files."));
        foreach (var failure in result.Failures)
            _console.WriteUnwrapped($"  could not delete {failure}");
        return result.Failures.Count == 0 ? ExitCodes.Completed : ExitCodes.Failed;
    }
}
