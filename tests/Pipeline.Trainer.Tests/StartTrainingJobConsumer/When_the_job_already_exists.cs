using Pipeline.Contracts;

namespace Pipeline.Trainer.Tests;

/// <summary>A redelivered StartTrainingJob: the first delivery created the job, the create now finds the name taken.</summary>
public sealed class When_the_job_already_exists
{
    [Fact]
    public async Task Publishes_started_with_the_existing_arn_and_creates_nothing()
    {
        var control = new InMemoryTrainingJobControl();
        var command = TrainerHarness.StartCommand();
        var existingArn = control.AddJob(command.TrainingJobName, "InProgress");
        await using var trainer = await TrainerHarness.StartAsync(control);

        await trainer.Send(command);

        var started = await trainer.SinglePublished<TrainingJobStarted>();
        Assert.Equal(existingArn, started.TrainingJobArn);
        Assert.Empty(control.Created);
        Assert.Equal(1, control.CreateCalls);
        Assert.False(await trainer.AnyPublished<TrainingJobFailed>());
    }
}
