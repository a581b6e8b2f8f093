using System.Diagnostics;
using Pipeline.Data.IO;

namespace Pipeline.Data.Tests.IO;

public sealed class When_removing_leftover_temp_files : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pipeline-leftovers-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The id of a process that has exited.</summary>
    private static int DeadProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }

    private string File(string name)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, "rows");
        return path;
    }

    [Fact]
    public void Names_a_new_file_with_this_process_in_the_pipeline_sub_folder()
    {
        var path = PipelineTempFiles.NewPath("gdelt-1729-1979", ".csv");

        Assert.Equal(Path.Combine(Path.GetTempPath(), "pipeline"), Path.GetDirectoryName(path));
        Assert.StartsWith($"gdelt-1729-1979.pid{Environment.ProcessId}.", Path.GetFileName(path), StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.GetDirectoryName(path)));
    }

    [Fact]
    public void Removes_the_files_of_a_dead_process_and_old_ones_and_keeps_a_running_ones()
    {
        var dead = DeadProcessId();
        var crashedYear = File($"gdelt-1729-1979.pid{dead}.{Guid.NewGuid():N}.csv");
        var crashedCandidates = File($"pipeline-candidates.pid{dead}.{Guid.NewGuid():N}.tmp");
        var running = PipelineTempFiles.NewPath("gdelt-1729-1980", ".csv", _folder);
        System.IO.File.WriteAllText(running, "rows");
        var old = PipelineTempFiles.NewPath("pipeline-candidates", ".tmp", _folder);
        System.IO.File.WriteAllText(old, "rows");
        System.IO.File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-2));
        var notOurs = File($"notes.pid{dead}.txt");

        var removed = PipelineTempFiles.RemoveLeftovers(_folder);

        Assert.Equal(new[] { crashedYear, crashedCandidates, old }.Order(), removed.Order());
        Assert.False(System.IO.File.Exists(crashedYear));
        Assert.False(System.IO.File.Exists(crashedCandidates));
        Assert.False(System.IO.File.Exists(old));
        Assert.True(System.IO.File.Exists(running), "a running process's file is in use");
        Assert.True(System.IO.File.Exists(notOurs), "a file not named by PipelineTempFiles is not ours");
    }
}
