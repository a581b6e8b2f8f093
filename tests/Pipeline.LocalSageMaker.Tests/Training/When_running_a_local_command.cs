using System.Diagnostics;
using System.Text.Json;
using Pipeline.Aws.Logs;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Tests.Support;

namespace Pipeline.LocalSageMaker.Tests.Training;

/// <summary>Bring-your-own algorithms: real processes, real time.</summary>
public sealed class When_running_a_local_command : IAsyncDisposable
{
    private const string Group = "/aws/sagemaker/TrainingJobs";
    // Only algo-1 fails: the other host waits to be killed, so that the failure and algo-1's log are never cut short by it.
    private const string ExitCommand = "echo starting; [ \"$SM_CURRENT_HOST\" = algo-1 ] || exec sleep 30; echo \"cannot read $SM_CURRENT_HOST\" >&2; exit 3";
    private const string FailureCommand = "printf 'ValueError: feature_dim must be 25' > \"$SM_OUTPUT_DIR/failure\"; exit 1";
    private const string SleepCommand = "echo ready; sleep 300";
    private static readonly string RowsScript = Path.Combine(AppContext.BaseDirectory, "Training", "Scripts", "pick_rows_trainer.py");
    private static readonly string RowsCommand = $"python3 '{RowsScript}'";

    // Bring-your-own commands are off unless named: these tests name theirs.
    private readonly LocalSageMakerUnderTest _local = new(TimeProvider.System, settings: new()
    {
        ["LocalSageMaker:Training:AllowedCommands:0"] = RowsCommand,
        ["LocalSageMaker:Training:AllowedCommands:1"] = ExitCommand,
        ["LocalSageMaker:Training:AllowedCommands:2"] = FailureCommand,
        ["LocalSageMaker:Training:AllowedCommands:3"] = SleepCommand,
    });

    public ValueTask DisposeAsync() => _local.DisposeAsync();

    [Fact]
    public async Task A_python_trainer_picks_its_own_rows_from_resourceconfig_on_every_host()
    {
        var rows = Enumerable.Range(1, 10).Select(i => i * i).ToList();
        await _local.PutAsync("s3://data/rows/part-1.csv", System.Text.Encoding.UTF8.GetBytes(string.Join('\n', rows.Take(4)) + "\n"));
        await _local.PutAsync("s3://data/rows/part-2.csv", System.Text.Encoding.UTF8.GetBytes(string.Join('\n', rows.Skip(4)) + "\n"));
        var request = Requests.Valid("byo-rows", instances: 3, image: $"local:{RowsCommand}", channels: Requests.Channel("train", "s3://data/rows/")) with
        {
            HyperParameters = new() { ["epochs"] = "2", ["learning_rate"] = "0.1" },
        };

        await _local.Jobs.CreateTrainingJobAsync(request, default);
        var job = await _local.EndOfAsync("byo-rows");

        Assert.True(job.TrainingJobStatus == "Completed", job.FailureReason);
        var entries = await _local.ArchiveEntriesAsync(job.ModelArtifacts!.S3ModelArtifacts!);
        Assert.Equal(["algo-2/", "algo-2/rows-algo-2.json", "algo-3/", "algo-3/rows-algo-3.json", "rows-algo-1.json"], entries.Keys.Order(StringComparer.Ordinal));
        var parts = new[] { "rows-algo-1.json", "algo-2/rows-algo-2.json", "algo-3/rows-algo-3.json" }
            .Select(name => JsonDocument.Parse(entries[name]!).RootElement).ToList();
        // The hosts' ranges tile the rows exactly, in host order, and each summed its own.
        var next = 0;
        for (var h = 0; h < 3; h++)
        {
            var (start, end) = (parts[h].GetProperty("start").GetInt32(), parts[h].GetProperty("end").GetInt32());
            Assert.Equal(next, start);
            Assert.True(end > start);
            Assert.Equal(rows.Skip(start).Take(end - start).Sum(), parts[h].GetProperty("sum").GetInt32());
            Assert.Equal($"algo-{h + 1}", parts[h].GetProperty("host").GetString());
            Assert.True(parts[h].GetProperty("cwd_is_opt_ml").GetBoolean());
            Assert.Equal("2", parts[h].GetProperty("epochs").GetString());
            Assert.Equal("0.1", parts[h].GetProperty("hyperparameters").GetProperty("learning_rate").GetString());
            Assert.Equal("byo-rows", parts[h].GetProperty("job").GetString());
            Assert.Equal(3, parts[h].GetProperty("hosts").GetArrayLength());
            next = end;
        }

        Assert.Equal(rows.Count, next);
        var streams = (await _local.Logs.DescribeLogStreamsAsync(new DescribeLogStreamsRequest { LogGroupName = Group, LogStreamNamePrefix = "byo-rows/" }, default)).LogStreams!;
        Assert.Equal(3, streams.Count);
        for (var h = 0; h < 3; h++)
        {
            var start = parts[h].GetProperty("start").GetInt32();
            var end = parts[h].GetProperty("end").GetInt32();
            var messages = await MessagesAsync(streams[h].LogStreamName!);
            Assert.Contains($"algo-{h + 1}: rows {start} to {end} of {rows.Count}", messages);
            Assert.Contains($"algo-{h + 1}: warming up", messages); // stderr too
        }
    }

    [Fact]
    public async Task A_command_exiting_non_zero_fails_the_job_with_its_exit_code_and_last_error_lines()
    {
        await _local.PutAsync("s3://data/x/1.csv", [1]);
        var request = Requests.Valid("byo-exit", instances: 2, image: $"local:{ExitCommand}", channels: Requests.Channel("train", "s3://data/x/"));

        await _local.Jobs.CreateTrainingJobAsync(request, default);
        var job = await _local.EndOfAsync("byo-exit");

        Assert.Equal("Failed", job.TrainingJobStatus);
        Assert.Equal("AlgorithmError: the command exited with code 3 on algo-1. Last lines of stderr: cannot read algo-1", job.FailureReason);
        var stream = Assert.Single((await _local.Logs.DescribeLogStreamsAsync(
            new DescribeLogStreamsRequest { LogGroupName = Group, LogStreamNamePrefix = "byo-exit/algo-1-" }, default)).LogStreams!);
        var messages = await MessagesAsync(stream.LogStreamName!);
        Assert.Contains("starting", messages);
        Assert.Contains("cannot read algo-1", messages);
    }

    [Fact]
    public async Task A_failure_file_is_the_reason()
    {
        await _local.PutAsync("s3://data/x/1.csv", [1]);
        var request = Requests.Valid("byo-failure", instances: 1, image: $"local:{FailureCommand}", channels: Requests.Channel("train", "s3://data/x/"));

        await _local.Jobs.CreateTrainingJobAsync(request, default);
        var job = await _local.EndOfAsync("byo-failure");

        Assert.Equal(("Failed", "ValueError: feature_dim must be 25"), (job.TrainingJobStatus, job.FailureReason));
    }

    [Fact]
    public async Task Stopping_the_job_kills_the_commands()
    {
        await _local.PutAsync("s3://data/x/1.csv", [1]);
        var request = Requests.Valid("byo-stop", instances: 2, image: $"local:{SleepCommand}", channels: Requests.Channel("train", "s3://data/x/"));
        await _local.Jobs.CreateTrainingJobAsync(request, default);
        await WaitForLineAsync("byo-stop/", "ready");
        var clock = Stopwatch.StartNew();

        await _local.Jobs.StopTrainingJobAsync(new StopTrainingJobRequest { TrainingJobName = "byo-stop" }, default);
        var job = await _local.EndOfAsync("byo-stop");

        Assert.Equal(("Stopped", "Stopped"), (job.TrainingJobStatus, job.SecondaryStatus));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}"); // a hang guard: the commands would sleep 300 s
    }

    private async Task<List<string>> MessagesAsync(string stream) =>
        [.. (await _local.Logs.GetLogEventsAsync(new GetLogEventsRequest { LogGroupName = Group, LogStreamName = stream, StartFromHead = true }, default)).Events!.Select(e => e.Message!)];

    private async Task WaitForLineAsync(string prefix, string line)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var found = await _local.Logs.FilterLogEventsAsync(new FilterLogEventsRequest { LogGroupName = Group, LogStreamNamePrefix = prefix, FilterPattern = $"\"{line}\"" }, default);
                if (found.Events!.Count > 0)
                    return;
            }
            catch (Aws.ResourceNotFoundException)
            {
                // Not started yet.
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"No '{line}' in {prefix} streams.");
    }
}
