using Pipeline.LocalSageMaker.Tests.Support;
using Pipeline.LocalSageMaker.Training;

namespace Pipeline.LocalSageMaker.Tests.Training;

public sealed class When_a_training_job_fails : IAsyncDisposable
{
    private readonly LocalSageMakerUnderTest _local = new();

    public ValueTask DisposeAsync() => _local.DisposeAsync();

    [Fact]
    public async Task An_algorithm_error_is_the_failure_reason()
    {
        await _local.PutAsync("s3://data/gdelt/train/1979.data", [1]);
        _local.Algorithm.Train = (_, _) =>
        {
            _local.Clock.Advance(TimeSpan.FromSeconds(5));
            throw new AlgorithmErrorException("ClientError: mini_batch_size must be a positive integer, not 'zero'.");
        };

        await _local.Jobs.CreateTrainingJobAsync(Requests.Valid("job-1"), default);
        var job = await _local.EndOfAsync("job-1");

        Assert.Equal(("Failed", "Failed"), (job.TrainingJobStatus, job.SecondaryStatus));
        Assert.Equal("ClientError: mini_batch_size must be a positive integer, not 'zero'.", job.FailureReason);
        Assert.Equal(["Starting", "Downloading", "Training", "Failed"], job.SecondaryStatusTransitions!.Select(t => t.Status));
        Assert.Equal(5, job.TrainingTimeInSeconds);
        Assert.Null(job.ModelArtifacts);
    }

    [Fact]
    public async Task A_failure_file_fails_a_job_whose_algorithm_returned_keeping_its_first_1024_characters()
    {
        await _local.PutAsync("s3://data/gdelt/train/1979.data", [1]);
        var reason = string.Concat(Enumerable.Range(0, 300).Select(i => $"{i:D3}|")); // 1200 characters, each position telling
        _local.Algorithm.Train = (cluster, _) =>
        {
            Directory.CreateDirectory(cluster.Hosts[1].Folders.Output);
            File.WriteAllText(cluster.Hosts[1].Folders.FailureFile, reason);
            return Task.CompletedTask;
        };

        await _local.Jobs.CreateTrainingJobAsync(Requests.Valid("job-1"), default);
        var job = await _local.EndOfAsync("job-1");

        Assert.Equal("Failed", job.TrainingJobStatus);
        Assert.Equal(reason[..1024], job.FailureReason);
    }

    [Fact]
    public async Task An_unexpected_exception_fails_the_job_as_an_internal_error()
    {
        await _local.PutAsync("s3://data/gdelt/train/1979.data", [1]);
        _local.Algorithm.Train = (_, _) => throw new InvalidOperationException("a bug");

        await _local.Jobs.CreateTrainingJobAsync(Requests.Valid("job-1"), default);
        var job = await _local.EndOfAsync("job-1");

        Assert.Equal(("Failed", "InternalServerError: a bug"), (job.TrainingJobStatus, job.FailureReason));
    }
}
