using Pipeline.Cli.Tests.Support;
using static Pipeline.Cli.Tests.Support.CommandLine;

namespace Pipeline.Cli.Tests.Commands;

/// <summary>--out is checked before anything starts; a report refused at the end is printed instead of lost.</summary>
public sealed class When_the_report_folder_cannot_be_written : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Out_naming_a_file_stops_the_run_before_it_starts_with_exit_4()
    {
        var file = _folder.File("not-a-folder", "x");
        var world = When_every_part_is_there.World();

        var (exitCode, console) = await Run(["run", "--out", file, "--rows-per-year", "1000"], s => When_every_part_is_there.Register(s, world));

        Assert.Equal(4, exitCode);
        var message = Assert.Single(console.Lines);
        Assert.StartsWith($"Cannot run: the report folder {file} cannot be written: ", message, StringComparison.Ordinal);
        Assert.Equal(0, world.JobsCreated);
    }

    [Fact]
    public async Task A_report_refused_at_the_end_is_printed_with_where_it_could_not_go_and_exit_1()
    {
        var outFolder = Path.Combine(_folder.Path, "run");
        // The folder is writable, but report.json cannot be created: it is a folder (as good as a full disk for the test).
        Directory.CreateDirectory(Path.Combine(outFolder, "report.json"));
        var world = When_every_part_is_there.World();

        var (exitCode, console) = await Run(["run", "--out", outFolder, "--rows-per-year", "1000"], s => When_every_part_is_there.Register(s, world))
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        Assert.Contains(console.Lines, l => l.StartsWith($"The experiment completed but its report could not be written to {outFolder}: ", StringComparison.Ordinal));
        var json = console.Output[(console.Output.IndexOf("Here is report.json:", StringComparison.Ordinal) + "Here is report.json:".Length)..];
        using var report = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(2, report.RootElement.GetProperty("variants").GetArrayLength());
        Assert.Equal(2, world.JobsCreated);
    }
}
