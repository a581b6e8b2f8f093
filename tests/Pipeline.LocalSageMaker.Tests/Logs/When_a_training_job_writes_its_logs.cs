using Pipeline.Aws;
using Pipeline.Aws.Logs;
using Pipeline.LocalSageMaker.Tests.Support;

namespace Pipeline.LocalSageMaker.Tests.Logs;

public sealed class When_a_training_job_writes_its_logs : IAsyncDisposable
{
    private const string Group = "/aws/sagemaker/TrainingJobs";
    private readonly LocalSageMakerUnderTest _local = new();

    public ValueTask DisposeAsync() => _local.DisposeAsync();

    [Fact]
    public async Task Each_host_has_a_stream_named_job_host_and_training_start_second_with_its_own_lines()
    {
        await _local.PutAsync("s3://data/gdelt/train/1979.data", [1]);
        _local.Algorithm.Train = (cluster, _) =>
        {
            foreach (var host in cluster.Hosts)
                host.Log.Write($"#quality_metric: host={host.Name}, epoch=0, train absolute_loss <loss>=0.5");
            _local.Clock.Advance(TimeSpan.FromSeconds(30));
            return Task.CompletedTask;
        };
        await _local.PutAsync("s3://data/gdelt/train/1979.data", [1]);
        await _local.Jobs.CreateTrainingJobAsync(Requests.Valid("job-1", instances: 3), default);
        var job = await _local.EndOfAsync("job-1");
        var trainingStart = job.SecondaryStatusTransitions!.Single(t => t.Status == "Training").StartTime!.Value;
        var startSecond = trainingStart.ToUnixTimeSeconds();

        var streams = (await _local.Logs.DescribeLogStreamsAsync(new DescribeLogStreamsRequest { LogGroupName = Group, LogStreamNamePrefix = "job-1/" }, default)).LogStreams!;

        Assert.Equal(new[] { 1, 2, 3 }.Select(n => $"job-1/algo-{n}-{startSecond}"), streams.Select(s => s.LogStreamName));
        for (var n = 1; n <= 3; n++)
        {
            var events = await AllEventsAsync($"job-1/algo-{n}-{startSecond}");
            Assert.Single(events, e => e.Message == $"#quality_metric: host=algo-{n}, epoch=0, train absolute_loss <loss>=0.5");
            Assert.DoesNotContain(events, e => e.Message!.Contains($"host=algo-{(n % 3) + 1}", StringComparison.Ordinal));
            // The stream spans the algorithm's run to the job's end, as the notebook's get_train_timing measures it.
            Assert.Equal(trainingStart.ToUnixTimeMilliseconds(), events[0].Timestamp);
            Assert.Equal(job.TrainingEndTime!.Value.ToUnixTimeMilliseconds(), events[^1].Timestamp);
            Assert.StartsWith("[LocalSageMaker]", events[^1].Message, StringComparison.Ordinal);
            Assert.Contains(events, e => e.Message == "[LocalSageMaker] Channel train (FullyReplicated): 1 objects, 1 bytes.");
        }
    }

    [Fact]
    public async Task A_stream_starts_when_the_algorithm_starts_not_when_the_job_is_created()
    {
        // One job at a time: job-2 waits in Starting while job-1 trains, 40 seconds on the clock.
        var firstMayEnd = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstTraining = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _local.Algorithm.Train = async (cluster, ct) =>
        {
            cluster.Hosts[0].Log.Write("training");
            if (cluster.JobName == "job-1")
            {
                firstTraining.SetResult();
                await firstMayEnd.Task.WaitAsync(ct);
            }
        };
        await _local.PutAsync("s3://data/gdelt/train/1979.data", [1]);
        await _local.Jobs.CreateTrainingJobAsync(Requests.Valid("job-1", instances: 1), default);
        await firstTraining.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var created = _local.Clock.GetUtcNow();
        await _local.Jobs.CreateTrainingJobAsync(Requests.Valid("job-2", instances: 1), default);
        _local.Clock.Advance(TimeSpan.FromSeconds(40));
        firstMayEnd.SetResult();
        await _local.EndOfAsync("job-2");

        var stream = Assert.Single((await _local.Logs.DescribeLogStreamsAsync(new DescribeLogStreamsRequest { LogGroupName = Group, LogStreamNamePrefix = "job-2/" }, default)).LogStreams!);
        var events = await AllEventsAsync(stream.LogStreamName!);

        var started = created.AddSeconds(40);
        Assert.Equal($"job-2/algo-1-{started.ToUnixTimeSeconds()}", stream.LogStreamName);
        Assert.Equal(started.ToUnixTimeMilliseconds(), stream.CreationTime);
        Assert.All(events, e => Assert.Equal(started.ToUnixTimeMilliseconds(), e.Timestamp));
    }

    [Fact]
    public async Task A_job_that_fails_before_its_algorithm_starts_has_no_stream()
    {
        await _local.PutAsync("s3://data/gdelt/train/1979.data", [1]);
        var missing = Requests.Valid("job-2", instances: 2, channels: Requests.Channel("train", "s3://data/nothing-here/"));
        await _local.Jobs.CreateTrainingJobAsync(Requests.Valid("job-1", instances: 1), default);
        await _local.EndOfAsync("job-1");

        await _local.Jobs.CreateTrainingJobAsync(missing, default);
        var job = await _local.EndOfAsync("job-2");

        Assert.Equal("Failed", job.TrainingJobStatus);
        Assert.StartsWith("ClientError", job.FailureReason, StringComparison.Ordinal);
        var streams = (await _local.Logs.DescribeLogStreamsAsync(new DescribeLogStreamsRequest { LogGroupName = Group }, default)).LogStreams!;
        Assert.DoesNotContain(streams, s => s.LogStreamName!.StartsWith("job-2/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_group_is_unknown_until_a_job_starts()
    {
        var missing = await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
            _local.Logs.DescribeLogStreamsAsync(new DescribeLogStreamsRequest { LogGroupName = Group }, default));

        Assert.Equal("The specified log group does not exist.", missing.ServiceMessage);
    }

    [Fact]
    public async Task A_failing_job_logs_its_failure_reason()
    {
        await _local.PutAsync("s3://data/gdelt/train/1979.data", [1]);
        _local.Algorithm.Train = (_, _) => throw new Pipeline.LocalSageMaker.Training.AlgorithmErrorException("no good");
        await _local.Jobs.CreateTrainingJobAsync(Requests.Valid("job-1", instances: 1), default);
        await _local.EndOfAsync("job-1");

        var stream = Assert.Single((await _local.Logs.DescribeLogStreamsAsync(new DescribeLogStreamsRequest { LogGroupName = Group }, default)).LogStreams!);
        var events = await AllEventsAsync(stream.LogStreamName!);

        Assert.Contains("no good", events[^1].Message, StringComparison.Ordinal);
    }

    private async Task<List<OutputLogEvent>> AllEventsAsync(string stream) =>
        (await _local.Logs.GetLogEventsAsync(new GetLogEventsRequest { LogGroupName = Group, LogStreamName = stream, StartFromHead = true }, default)).Events!;
}
