using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Aws;
using Pipeline.Aws.Logs;
using Pipeline.Aws.SageMaker;
using Pipeline.JobWatcher.Aws;

namespace Pipeline.JobWatcher.Tests.Aws;

/// <summary>The JobWatcher's adapters as AddJobWatcher registers them, against moto_server.</summary>
public sealed class When_the_watcher_reads_SageMaker_and_CloudWatch(MotoServer moto) : IClassFixture<MotoServer>, IAsyncLifetime
{
    private ServiceProvider _provider = null!;

    public Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddJobWatcher(new ConfigurationBuilder().AddInMemoryCollection(moto.AwsSettings()).Build());
        services.AddSingleton(MotoServer.AwsCredentials());
        _provider = services.BuildServiceProvider(true);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    private SageMakerClient SageMaker => _provider.GetRequiredService<SageMakerClient>();
    private CloudWatchLogsClient Logs => _provider.GetRequiredService<CloudWatchLogsClient>();

    [Fact]
    public async Task A_job_is_described_with_its_status_instances_and_artifacts()
    {
        var name = $"sharded-{Guid.NewGuid():N}";
        await SageMaker.CreateTrainingJobAsync(new CreateTrainingJobRequest
        {
            TrainingJobName = name,
            AlgorithmSpecification = new AlgorithmSpecification { TrainingImage = "linear-learner:1", TrainingInputMode = "File" },
            RoleArn = "arn:aws:iam::123456789012:role/SageMakerRole",
            InputDataConfig = [new Channel { ChannelName = "train", DataSource = new DataSource { S3DataSource = new S3DataSource { S3DataType = "S3Prefix", S3Uri = "s3://bucket/train/" } } }],
            OutputDataConfig = new OutputDataConfig { S3OutputPath = "s3://bucket/output" },
            ResourceConfig = new ResourceConfig { InstanceType = "ml.c4.2xlarge", InstanceCount = 4, VolumeSizeInGB = 10 },
            StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = 3600 },
        });

        var described = await _provider.GetRequiredService<ITrainingJobDescriber>().DescribeTrainingJobAsync(name, CancellationToken.None);

        Assert.Equal(name, described.TrainingJobName);
        Assert.Equal(4, described.InstanceCount);
        Assert.Contains(described.TrainingJobStatus, (string[])[TrainingJobStatuses.InProgress, TrainingJobStatuses.Completed]); // moto completes at once
        Assert.Equal($"s3://bucket/output/{name}/output/model.tar.gz", described.ModelArtifacts);
    }

    [Fact]
    public void An_empty_failure_reason_reads_as_none_and_a_missing_instance_count_is_an_error()
    {
        var job = new DescribeTrainingJobResponse { TrainingJobStatus = "Failed", FailureReason = "", ResourceConfig = new ResourceConfig { InstanceCount = 2 } };

        Assert.Null(SageMakerTrainingJobDescriber.ToDescription("j", job).FailureReason);
        Assert.Equal("boom", SageMakerTrainingJobDescriber.ToDescription("j", job with { FailureReason = "boom" }).FailureReason);
        Assert.Throws<InvalidDataException>(() => SageMakerTrainingJobDescriber.ToDescription("j", job with { ResourceConfig = null }));
    }

    [Fact]
    public async Task The_log_reader_lists_a_jobs_streams_and_reads_every_event_of_one()
    {
        var group = $"/aws/sagemaker/TrainingJobs-{Guid.NewGuid():N}";
        await Logs.CreateLogGroupAsync(new CreateLogGroupRequest { LogGroupName = group });
        foreach (var stream in (string[])["job/algo-1-1700000000", "job/algo-2-1700000000", "jobs-other/algo-1-1700000000"])
            await Logs.CreateLogStreamAsync(new CreateLogStreamRequest { LogGroupName = group, LogStreamName = stream });
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 60_000;
        var timestamps = Enumerable.Range(0, 120).Select(i => start + (i * 250L)).ToList();
        await Logs.PutLogEventsAsync(new PutLogEventsRequest
        {
            LogGroupName = group,
            LogStreamName = "job/algo-2-1700000000",
            LogEvents = timestamps.Select((t, i) => new InputLogEvent { Timestamp = t, Message = $"#metrics epoch {i}" }).ToList(),
        });
        var reader = _provider.GetRequiredService<ITrainingLogReader>();

        var streams = await reader.DescribeLogStreamsAsync(group, "job/", CancellationToken.None);
        var events = await reader.GetLogEventsAsync(group, "job/algo-2-1700000000", CancellationToken.None).ToListAsync();

        Assert.Equal(["job/algo-1-1700000000", "job/algo-2-1700000000"], streams.Order());
        Assert.Equal(timestamps, events.Select(e => e.Timestamp));
        Assert.Equal("#metrics epoch 119", events[^1].Message);
    }

    [Fact]
    public async Task A_log_group_that_does_not_exist_yet_is_ResourceNotFound()
    {
        var reader = _provider.GetRequiredService<ITrainingLogReader>();
        var group = $"/aws/sagemaker/missing-{Guid.NewGuid():N}";

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => reader.DescribeLogStreamsAsync(group, "job/", CancellationToken.None));
        await Assert.ThrowsAsync<ResourceNotFoundException>(async () => await reader.GetLogEventsAsync(group, "job/algo-1", CancellationToken.None).ToListAsync());
    }
}
