using Pipeline.Contracts;

namespace Pipeline.Trainer.Tests;

public sealed class When_the_job_is_new
{
    [Fact]
    public async Task Creates_the_job_and_publishes_started_with_its_arn()
    {
        var control = new InMemoryTrainingJobControl();
        await using var trainer = await TrainerHarness.StartAsync(control);
        var command = TrainerHarness.StartCommand();

        await trainer.Send(command);

        var started = await trainer.SinglePublished<TrainingJobStarted>();
        Assert.Equal(InMemoryTrainingJobControl.ArnOf(command.TrainingJobName), started.TrainingJobArn);
        Assert.Equal((command.ExperimentId, command.Variant, command.TrainingJobName),
            (started.ExperimentId, started.Variant, started.TrainingJobName));
        var created = Assert.Single(control.Created);
        Assert.Equal(command.TrainingJobName, created.TrainingJobName);
        Assert.Equal(1, control.CreateCalls);
    }
}
