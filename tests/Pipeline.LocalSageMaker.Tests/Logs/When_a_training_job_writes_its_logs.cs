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
    public async Task Each_host_has_a_stream_named_job_host_and_start_second_with_its_own_lines()
    {
        await _local.PutAsync("s3://data/gdelt/train/1979.data", [1]);
        _local.Clock.Advance(TimeSpan.FromMilliseconds(700)); // streams are named by whole seconds
        var startSecond = _local.Clock.GetUtcNow().ToUnixTimeSeconds();
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

        var streams = (await _local.Logs.DescribeLogStreamsAsync(new DescribeLogStreamsRequest { LogGroupName = Group, LogStreamNamePrefix = "job-1/" }, default)).LogStreams!;

        Assert.Equal(new[] { 1, 2, 3 }.Select(n => $"job-1/algo-{n}-{startSecond}"), streams.Select(s => s.LogStreamName));
        for (var n = 1; n <= 3; n++)
        {
            var events = await AllEventsAsync($"job-1/algo-{n}-{startSecond}");
            Assert.Single(events, e => e.Message == $"#quality_metric: host=algo-{n}, epoch=0, train absolute_loss <loss>=0.5");
            Assert.DoesNotContain(events, e => e.Message!.Contains($"host=algo-{(n % 3) + 1}", StringComparison.Ordinal));
            // The engine's own lines open and close every stream, so its span covers the training.
            Assert.Equal(job.TrainingStartTime!.Value.ToUnixTimeMilliseconds(), events[0].Timestamp);
            Assert.Equal(job.TrainingEndTime!.Value.ToUnixTimeMilliseconds(), events[^1].Timestamp);
            Assert.StartsWith("[LocalSageMaker]", events[^1].Message, StringComparison.Ordinal);
        }
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
