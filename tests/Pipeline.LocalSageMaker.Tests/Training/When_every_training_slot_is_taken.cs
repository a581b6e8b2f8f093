using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Tests.Support;

namespace Pipeline.LocalSageMaker.Tests.Training;

/// <summary>The default capacity: one training job at a time; the others wait in Starting.</summary>
public sealed class When_every_training_slot_is_taken : IAsyncDisposable
{
    private readonly LocalSageMakerUnderTest _local = new();
    private readonly TaskCompletionSource _firstTraining = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstMayEnd = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _trained = [];

    public When_every_training_slot_is_taken() =>
        // job-1 trains until the test lets it end; any other job ends at once.
        _local.Algorithm.Train = async (cluster, ct) =>
        {
            lock (_trained)
                _trained.Add(cluster.JobName);
            if (cluster.JobName != "job-1")
                return;
            _firstTraining.SetResult();
            await _firstMayEnd.Task.WaitAsync(ct);
        };

    public ValueTask DisposeAsync() => _local.DisposeAsync();

    [Fact]
    public async Task A_second_job_waits_in_Starting_until_the_first_ends_then_runs()
    {
        var second = await StartBothAsync(Requests.Valid("job-2"));

        var waiting = await _local.DescribeAsync("job-2");
        Assert.Equal(("InProgress", "Starting"), (waiting.TrainingJobStatus, waiting.SecondaryStatus));
        Assert.StartsWith("Launching requested ML instances: waiting for capacity", Assert.Single(waiting.SecondaryStatusTransitions!).StatusMessage, StringComparison.Ordinal);
        Assert.Null(waiting.TrainingStartTime);
        Assert.Equal(["job-1"], Trained());

        _local.Clock.Advance(TimeSpan.FromSeconds(30));
        _firstMayEnd.SetResult();
        var first = await _local.EndOfAsync("job-1");
        var job = await _local.EndOfAsync("job-2");

        Assert.Equal(("Completed", "Completed"), (first.TrainingJobStatus, job.TrainingJobStatus));
        Assert.Equal(["job-1", "job-2"], Trained());
        Assert.Equal(["Starting", "Downloading", "Training", "Uploading", "Completed"], job.SecondaryStatusTransitions!.Select(t => t.Status));
        // It started downloading only once the first had ended.
        Assert.True(job.TrainingStartTime >= first.TrainingEndTime);
        Assert.Equal(second.AddSeconds(30), job.TrainingStartTime);
    }

    [Fact]
    public async Task Waiting_does_not_count_toward_MaxRuntimeInSeconds()
    {
        await StartBothAsync(Requests.Valid("job-2") with { StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = 60 } });

        _local.Clock.Advance(TimeSpan.FromSeconds(120));
        _firstMayEnd.SetResult();
        var job = await _local.EndOfAsync("job-2");

        Assert.Equal(("Completed", "Completed"), (job.TrainingJobStatus, job.SecondaryStatus));
        Assert.Equal(0, job.TrainingTimeInSeconds);
    }

    [Fact]
    public async Task A_waiting_job_can_be_stopped_and_never_runs()
    {
        await StartBothAsync(Requests.Valid("job-2"));

        await _local.Jobs.StopTrainingJobAsync(new StopTrainingJobRequest { TrainingJobName = "job-2" }, default);
        var stopped = await _local.EndOfAsync("job-2");
        _firstMayEnd.SetResult();
        await _local.EndOfAsync("job-1");
        await _local.Jobs.CreateTrainingJobAsync(Requests.Valid("job-3"), default);
        await _local.EndOfAsync("job-3");

        Assert.Equal(("Stopped", "Stopped"), (stopped.TrainingJobStatus, stopped.SecondaryStatus));
        Assert.Equal(["Starting", "Stopping", "Stopped"], stopped.SecondaryStatusTransitions!.Select(t => t.Status));
        Assert.Null(stopped.TrainingTimeInSeconds);
        // The stopped job gave up its place: the next one got the slot.
        Assert.Equal(["job-1", "job-3"], Trained());
    }

    /// <summary>Starts job-1 (which holds the only slot until told) and then the given job; returns when that was created.</summary>
    private async Task<DateTimeOffset> StartBothAsync(CreateTrainingJobRequest second)
    {
        await _local.PutAsync("s3://data/gdelt/train/1979.data", [1]);
        await _local.Jobs.CreateTrainingJobAsync(Requests.Valid("job-1"), default);
        await _firstTraining.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var created = _local.Clock.GetUtcNow();
        await _local.Jobs.CreateTrainingJobAsync(second, default);
        await WaitForAsync(async () => (await _local.DescribeAsync(second.TrainingJobName!)).SecondaryStatusTransitions![0].StatusMessage!
            .Contains("waiting for capacity", StringComparison.Ordinal));
        return created;
    }

    private List<string> Trained()
    {
        lock (_trained)
            return [.. _trained];
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The job never said it was waiting for capacity.");
            await Task.Delay(5);
        }
    }
}
