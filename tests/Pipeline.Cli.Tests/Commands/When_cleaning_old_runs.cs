using Pipeline.Cli.Tests.Support;
using static Pipeline.Cli.Tests.Support.CommandLine;

namespace Pipeline.Cli.Tests.Commands;

/// <summary>`pipeline clean`: files under runs/ older than the age go, newer ones (a run under way) stay.</summary>
public sealed class When_cleaning_old_runs : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Runs => Path.Combine(_folder.Path, "runs");

    private string Write(string relative, int bytes, TimeSpan age)
    {
        var path = Path.Combine(Runs, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, new byte[bytes]);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
        return path;
    }

    [Fact]
    public async Task Old_files_and_the_folders_they_leave_empty_go_and_new_ones_stay()
    {
        var oldReport = Write("0b6f/report.json", 1000, TimeSpan.FromDays(8));
        var oldObject = Write("objects/pipeline-local/p/train/1979.data", 2_000_000, TimeSpan.FromDays(30));
        var oldJobLog = Write("localsagemaker/jobs/replicated-1/algo-1/log.txt", 500, TimeSpan.FromDays(7.5));
        var newReport = Write("9c1d/report.json", 1000, TimeSpan.FromDays(1));
        var newObject = Write("objects/pipeline-local/p/train/1980.data", 1000, TimeSpan.FromMinutes(5));
        var emptyNewFolder = Directory.CreateDirectory(Path.Combine(Runs, "localsagemaker", "jobs", "starting")).FullName;

        var (exitCode, console) = await Run(["clean", "--older-than", "7d", "--folder", Runs]);

        Assert.Equal(0, exitCode);
        Assert.Equal($"Deleted 3 files (2.0 MB) older than 7 days from {Runs}; kept 2 newer files.", Assert.Single(console.Lines));
        Assert.False(File.Exists(oldReport));
        Assert.False(File.Exists(oldObject));
        Assert.False(File.Exists(oldJobLog));
        Assert.False(Directory.Exists(Path.Combine(Runs, "0b6f")));
        Assert.False(Directory.Exists(Path.Combine(Runs, "localsagemaker", "jobs", "replicated-1")));
        Assert.True(File.Exists(newReport));
        Assert.True(File.Exists(newObject));
        Assert.True(Directory.Exists(emptyNewFolder));
    }

    [Fact]
    public async Task A_dry_run_deletes_nothing()
    {
        var oldReport = Write("0b6f/report.json", 1000, TimeSpan.FromDays(8));

        var (exitCode, console) = await Run(["clean", "--older-than", "12h", "--folder", Runs, "--dry-run"]);

        Assert.Equal(0, exitCode);
        Assert.StartsWith("Would delete 1 files (0.0 MB) older than 0.5 days", Assert.Single(console.Lines), StringComparison.Ordinal);
        Assert.True(File.Exists(oldReport));
    }
}
