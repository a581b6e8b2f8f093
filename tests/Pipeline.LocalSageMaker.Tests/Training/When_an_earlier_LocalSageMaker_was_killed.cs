using System.Diagnostics;
using Pipeline.LocalSageMaker.Tests.Support;

namespace Pipeline.LocalSageMaker.Tests.Training;

/// <summary>
/// A LocalSageMaker killed mid-job (SIGKILL) cannot remove its job's host folders; the next one to make a folder in the
/// same work root removes those whose process is gone, and leaves a running process's folders and folders it did not name.
/// </summary>
public sealed class When_an_earlier_LocalSageMaker_was_killed : IAsyncDisposable
{
    private readonly LocalSageMakerUnderTest _local = new(TimeProvider.System);

    public ValueTask DisposeAsync() => _local.DisposeAsync();

    [Fact]
    public async Task The_first_job_removes_the_folders_of_the_dead_process_and_keeps_the_rest()
    {
        var dead = await DeadProcessIdAsync();
        var running = Environment.ProcessId;
        var killedJob = Folder(_local.WorkRoot, $"killed-job-0badc0de.pid{dead}", "algo-1/input/data/train/1979.data");
        var killedEndpoint = Folder(Path.Combine(_local.WorkRoot, "endpoints"), $"killed-endpoint-1700000000000.pid{dead}", "instance-1/model/model.json");
        var killedTransform = Folder(Path.Combine(_local.WorkRoot, "transform"), $"killed-transform-1700000000000.pid{dead}", "input/test.csv");
        var liveJob = Folder(_local.WorkRoot, $"live-job-0badc0de.pid{running}", "algo-1/input/data/train/1979.data");
        var notOurs = Folder(_local.WorkRoot, "someone-elses-folder", "notes.txt");
        await _local.PutAsync("s3://data/gdelt/train/1979.data", new byte[4096]);

        await _local.Jobs.CreateTrainingJobAsync(Requests.Valid("after-the-crash"), default);
        await _local.EndOfAsync("after-the-crash");

        Assert.False(Directory.Exists(killedJob), "the killed job's host folders are still there");
        Assert.False(Directory.Exists(killedEndpoint), "the killed endpoint's folder is still there");
        Assert.False(Directory.Exists(killedTransform), "the killed transform job's folder is still there");
        Assert.True(Directory.Exists(liveJob), "a running process's job folder was removed");
        Assert.True(Directory.Exists(notOurs), "a folder LocalSageMaker did not name was removed");
        Assert.Equal("Completed", (await _local.DescribeAsync("after-the-crash")).TrainingJobStatus);
    }

    private static string Folder(string parent, string name, string file)
    {
        var folder = Path.Combine(parent, name);
        var path = Path.Combine(folder, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "left behind");
        return folder;
    }

    private static async Task<int> DeadProcessIdAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await process.WaitForExitAsync();
        return process.Id;
    }
}
