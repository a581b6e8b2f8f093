using Pipeline.Aws;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Tests.Support;

namespace Pipeline.LocalSageMaker.Tests.Training;

public sealed class When_a_training_job_is_stopped : IAsyncDisposable
{
    private readonly LocalSageMakerUnderTest _local = new();
    private readonly TaskCompletionSource _training = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _mayReturn = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public When_a_training_job_is_stopped() =>
        // Trains until cancelled, then holds on until the test lets it go (so that Stopping can be seen).
        _local.Algorithm.Train = async (cluster, ct) =>
        {
            File.WriteAllText(Path.Combine(cluster.Hosts[0].Folders.Model, "checkpoint.txt"), "epoch 1");
            _training.SetResult();
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            }
            finally
            {
                _cancelled.SetResult();
                await _mayReturn.Task;
            }
        };

    public ValueTask DisposeAsync() => _local.DisposeAsync();

    [Fact]
    public async Task Goes_through_Stopping_to_Stopped_and_keeps_the_model_saved_so_far()
    {
        await _local.PutAsync("s3://data/gdelt/train/1979.data", [1]);
        await _local.Jobs.CreateTrainingJobAsync(Requests.Valid("job-1"), default);
        await _training.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await _local.Jobs.StopTrainingJobAsync(new StopTrainingJobRequest { TrainingJobName = "job-1" }, default);
        await _cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var stopping = await _local.DescribeAsync("job-1");
        await _local.Jobs.StopTrainingJobAsync(new StopTrainingJobRequest { TrainingJobName = "job-1" }, default); // again: no error
        _mayReturn.SetResult();
        var job = await _local.EndOfAsync("job-1");

        Assert.Equal(("Stopping", "Stopping"), (stopping.TrainingJobStatus, stopping.SecondaryStatus));
        Assert.Equal(("Stopped", "Stopped"), (job.TrainingJobStatus, job.SecondaryStatus));
        Assert.Equal(["Starting", "Downloading", "Training", "Stopping", "Stopped"], job.SecondaryStatusTransitions!.Select(t => t.Status));
        Assert.NotNull(job.TrainingEndTime);
        var entries = await _local.ArchiveEntriesAsync(job.ModelArtifacts!.S3ModelArtifacts!);
        Assert.Equal("epoch 1"u8.ToArray(), entries["checkpoint.txt"]);
    }

    [Fact]
    public async Task Stopping_an_ended_job_is_refused_as_the_service_refuses_it()
    {
        await _local.PutAsync("s3://data/gdelt/train/1979.data", [1]);
        _local.Algorithm.Train = (_, _) => Task.CompletedTask;
        await _local.Jobs.CreateTrainingJobAsync(Requests.Valid("job-1"), default);
        await _local.EndOfAsync("job-1");

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            _local.Jobs.StopTrainingJobAsync(new StopTrainingJobRequest { TrainingJobName = "job-1" }, default));

        Assert.Contains("status Completed", refused.ServiceMessage, StringComparison.Ordinal);
        Assert.Equal("Completed", (await _local.DescribeAsync("job-1")).TrainingJobStatus);
    }

    [Fact]
    public async Task Running_past_MaxRuntimeInSeconds_stops_it_as_MaxRuntimeExceeded()
    {
        await _local.PutAsync("s3://data/gdelt/train/1979.data", [1]);
        _mayReturn.SetResult();
        var original = _local.Algorithm.Train;
        _local.Algorithm.Train = async (cluster, ct) =>
        {
            _local.Clock.Advance(TimeSpan.FromSeconds(59));
            Assert.False(ct.IsCancellationRequested);
            _local.Clock.Advance(TimeSpan.FromSeconds(2));
            await original(cluster, ct);
        };
        var request = Requests.Valid("job-1") with { StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = 60 } };

        await _local.Jobs.CreateTrainingJobAsync(request, default);
        var job = await _local.EndOfAsync("job-1");

        Assert.Equal(("Stopped", "MaxRuntimeExceeded"), (job.TrainingJobStatus, job.SecondaryStatus));
        Assert.Equal("MaxRuntimeExceeded", job.SecondaryStatusTransitions![^1].Status);
        Assert.Equal(61, job.TrainingTimeInSeconds);
        Assert.True(_cancelled.Task.IsCompleted);
    }

    [Fact]
    public async Task Disposing_the_engine_stops_running_jobs_and_waits_for_them()
    {
        _mayReturn.SetResult();
        await using var local = new LocalSageMakerUnderTest();
        await local.PutAsync("s3://data/gdelt/train/1979.data", [1]);
        local.Algorithm.Train = _local.Algorithm.Train;
        await local.Jobs.CreateTrainingJobAsync(Requests.Valid("job-1"), default);
        await _training.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var jobs = local.Jobs;

        await ((IAsyncDisposable)jobs).DisposeAsync();

        Assert.True(_cancelled.Task.IsCompleted);
        var job = await jobs.DescribeTrainingJobAsync(new DescribeTrainingJobRequest { TrainingJobName = "job-1" }, default);
        Assert.Equal(("Stopped", "Stopped"), (job.TrainingJobStatus, job.SecondaryStatus));
        Assert.Contains("shutting down", job.SecondaryStatusTransitions![^2].StatusMessage, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(local.WorkRoot));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => jobs.CreateTrainingJobAsync(Requests.Valid("job-2"), default));
    }
}
