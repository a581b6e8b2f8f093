using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Aws;
using Pipeline.Aws.SageMaker;

namespace Pipeline.Trainer.Tests.Aws;

/// <summary>The Trainer's adapter as AddTrainer registers it, against moto_server (and a recording server for StopTrainingJob, which moto lacks).</summary>
public sealed class When_the_trainer_talks_to_SageMaker(MotoServer moto) : IClassFixture<MotoServer>
{
    private static ServiceProvider Trainer(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddTrainer(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton(MotoServer.AwsCredentials());
        return services.BuildServiceProvider(true);
    }

    [Fact]
    public async Task CreateTrainingJob_sends_every_member_of_the_request()
    {
        await using var provider = Trainer(moto.AwsSettings());
        var control = provider.GetRequiredService<ITrainingJobControl>();
        var name = $"replicated-{Guid.NewGuid():N}";
        var request = TrainingJobRequestMapping.ToRequest(TrainerHarness.StartCommand(name) with { Tags = new Dictionary<string, string> { ["experiment"] = "e-1" } });

        var arn = await control.CreateTrainingJobAsync(request, CancellationToken.None);

        Assert.EndsWith($":training-job/{name}", arn, StringComparison.Ordinal);
        Assert.Equal(arn, await control.DescribeTrainingJobArnAsync(name, CancellationToken.None));
        var job = await provider.GetRequiredService<SageMakerClient>().DescribeTrainingJobAsync(new DescribeTrainingJobRequest { TrainingJobName = name });
        // What SageMaker (moto) kept is what was sent, member for member.
        Assert.Equal((request.AlgorithmSpecification!.TrainingImage, request.AlgorithmSpecification.TrainingInputMode),
            (job.AlgorithmSpecification!.TrainingImage, job.AlgorithmSpecification.TrainingInputMode));
        Assert.Equal(request.RoleArn, job.RoleArn);
        Assert.Equal(
            request.InputDataConfig!.Select(c => (c.ChannelName, c.DataSource!.S3DataSource!.S3DataType, c.DataSource.S3DataSource.S3Uri,
                c.DataSource.S3DataSource.S3DataDistributionType, c.ContentType, c.CompressionType, c.RecordWrapperType)),
            job.InputDataConfig!.Select(c => (c.ChannelName, c.DataSource!.S3DataSource!.S3DataType, c.DataSource.S3DataSource.S3Uri,
                c.DataSource.S3DataSource.S3DataDistributionType, c.ContentType, c.CompressionType, c.RecordWrapperType)));
        Assert.Equal(request.OutputDataConfig!.S3OutputPath, job.OutputDataConfig!.S3OutputPath);
        Assert.Equal((request.ResourceConfig!.InstanceCount, request.ResourceConfig.InstanceType, request.ResourceConfig.VolumeSizeInGB),
            (job.ResourceConfig!.InstanceCount, job.ResourceConfig.InstanceType, job.ResourceConfig.VolumeSizeInGB));
        Assert.Equal(request.HyperParameters!.OrderBy(p => p.Key), job.HyperParameters!.OrderBy(p => p.Key));
        Assert.Equal(request.StoppingCondition!.MaxRuntimeInSeconds, job.StoppingCondition!.MaxRuntimeInSeconds);
    }

    [Fact]
    public async Task Describing_an_unknown_job_surfaces_the_services_error()
    {
        await using var provider = Trainer(moto.AwsSettings());

        await Assert.ThrowsAsync<ValidationException>(() =>
            provider.GetRequiredService<ITrainingJobControl>().DescribeTrainingJobArnAsync($"missing-{Guid.NewGuid():N}", CancellationToken.None));
    }

    [Fact]
    public async Task StopTrainingJob_names_the_job()
    {
        using var server = new RecordingHttpServer(Reply.Ok());
        await using var provider = Trainer(new() { ["Aws:Region"] = "eu-west-1", ["Aws:SageMakerServiceUrl"] = server.Url });

        await provider.GetRequiredService<ITrainingJobControl>().StopTrainingJobAsync("job-1", CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("SageMaker.StopTrainingJob", request.Header("X-Amz-Target"));
        Assert.Equal("job-1", JsonDocument.Parse(request.Body).RootElement.GetProperty("TrainingJobName").GetString());
    }

    [Fact]
    public async Task Stopping_an_ended_job_surfaces_the_ValidationException()
    {
        using var server = new RecordingHttpServer(Reply.Error(400, "ValidationException", "The job status is Completed."));
        await using var provider = Trainer(new() { ["Aws:Region"] = "eu-west-1", ["Aws:SageMakerServiceUrl"] = server.Url });

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            provider.GetRequiredService<ITrainingJobControl>().StopTrainingJobAsync("job-1", CancellationToken.None));
        Assert.Equal("The job status is Completed.", error.ServiceMessage);
    }
}
