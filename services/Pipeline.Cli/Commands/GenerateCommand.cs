using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Pipeline.Cli.Output;
using Pipeline.Cli.Specs;
using Pipeline.Contracts;
using Pipeline.Data.Gdelt;
using Spectre.Console;

namespace Pipeline.Cli.Commands;

/// <summary>`pipeline generate`: realistic GDELT 1.0 year files (57 columns, no header), one &lt;year&gt;.csv per year.</summary>
internal sealed class GenerateCommand : Command
{
    private readonly IAnsiConsole _console;

    private readonly Option<IReadOnlyList<int>> _years = new("--years")
    {
        Description = "Years to generate: one year, first-last, or a comma-separated list (ranges allowed). Example: 1979-1984.",
        Required = true,
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value.Trim();
            if (YearSelection.TryParse(text, out var selection, out var error))
                return [.. selection!.TrainingYears, selection.TestYear];
            // Unlike an experiment, generating needs no test year: a single year will do.
            if (text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
                return [year];
            result.AddError(error!);
            return [];
        },
    };

    private readonly Option<long> _rowsPerYear = new("--rows-per-year")
    {
        Description = "Rows in each year file.",
        DefaultValueFactory = _ => DefaultSpec.RowsPerYear,
        // A parser, not a validator: validators also run after a failed conversion, and reading the value then throws.
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var rows) && rows >= 1)
                return rows;
            result.AddError($"--rows-per-year takes a whole number of at least 1, not '{text}'.");
            return 0;
        },
    };

    private readonly Option<int> _seed = new("--seed")
    {
        Description = "Seed: the same seed, year and row count always give the same bytes.",
        DefaultValueFactory = _ => new DataSourceSpec().Seed,
    };

    private readonly Option<string> _out = new("--out") { Description = "Folder for the year files (created if missing).", Required = true };

    public GenerateCommand(IAnsiConsole console)
        : base("generate", "Writes generated GDELT 1.0 event files, <year>.csv per year, for run --data or an object store.")
    {
        _console = console;
        Options.Add(_years);
        Options.Add(_rowsPerYear);
        Options.Add(_seed);
        Options.Add(_out);
        SetAction((parseResult, cancelRequested) => Task.FromResult(Generate(parseResult, cancelRequested)));
    }

    private int Generate(ParseResult parseResult, CancellationToken cancelRequested)
    {
        var years = parseResult.GetValue(_years)!;
        var rows = parseResult.GetValue(_rowsPerYear);
        var folder = parseResult.GetValue(_out)!;
        var generator = new GdeltGenerator(parseResult.GetValue(_seed));
        Directory.CreateDirectory(folder);

        long totalBytes = 0;
        var total = Stopwatch.StartNew();
        try
        {
            foreach (var year in years)
            {
                var clock = Stopwatch.StartNew();
                var bytes = WriteAtomically(Path.Combine(folder, $"{year}.csv"), output => generator.WriteYear(output, year, rows, cancelRequested));
                totalBytes += bytes;
                _console.WriteUnwrapped($"{year}.csv  {rows:N0} rows  {Megabytes(bytes)}  {Throughput(bytes, clock.Elapsed)}");
            }
        }
        catch (OperationCanceledException)
        {
            _console.WriteUnwrapped("Cancelled; the year being written was not kept.");
            return ExitCodes.Cancelled;
        }
        catch (IOException e)
        {
            _console.WriteUnwrapped($"Cannot write to {folder}: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (UnauthorizedAccessException e)
        {
            _console.WriteUnwrapped($"Cannot write to {folder}: {e.Message}");
            return ExitCodes.Failed;
        }

        _console.WriteUnwrapped($"total  {Megabytes(totalBytes)}  {Throughput(totalBytes, total.Elapsed)}  in {Path.GetFullPath(folder)}");
        return ExitCodes.Completed;
    }

    /// <summary>Writes beside the target and renames, so a crash or Ctrl+C never leaves a half year file under the real name.</summary>
    private static long WriteAtomically(string path, Func<Stream, long> write)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            long bytes;
            // The generator hands over 1 MB blocks: no FileStream buffer needed.
            using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1))
                bytes = write(output);
            File.Move(temporary, path, overwrite: true);
            return bytes;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static string Megabytes(long bytes) => $"{bytes / 1e6:N1} MB";

    private static string Throughput(long bytes, TimeSpan elapsed) => $"{bytes / 1e6 / Math.Max(elapsed.TotalSeconds, 1e-6):N0} MB/s";
}
