using Pipeline.Contracts;

namespace Pipeline.Trainer.Tests;

public sealed class When_the_job_to_stop_does_not_exist
{
    [Fact]
    public async Task Publishes_stop_requested()
    {
        var control = new InMemoryTrainingJobControl();
        await using var trainer = await TrainerHarness.StartAsync(control);
        var command = When_stopping_a_running_job.StopCommand("never-created");

        await trainer.Send(command);

        var requested = await trainer.SinglePublished<TrainingJobStopRequested>();
        Assert.Equal(command.TrainingJobName, requested.TrainingJobName);
        Assert.Equal(1, control.StopCalls);
        Assert.Empty(control.Stopped);
    }
}
