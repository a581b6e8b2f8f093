using Pipeline.Contracts;

namespace Pipeline.Trainer.Tests;

public sealed class When_stopping_a_running_job
{
    [Fact]
    public async Task Stops_it_and_publishes_stop_requested()
    {
        var control = new InMemoryTrainingJobControl();
        var command = StopCommand("sharded-0123456789abcdef0123456789abcdef");
        control.AddJob(command.TrainingJobName, "InProgress");
        await using var trainer = await TrainerHarness.StartAsync(control);

        await trainer.Send(command);

        var requested = await trainer.SinglePublished<TrainingJobStopRequested>();
        Assert.Equal((command.ExperimentId, command.Variant, command.TrainingJobName),
            (requested.ExperimentId, requested.Variant, requested.TrainingJobName));
        Assert.Equal([command.TrainingJobName], control.Stopped);
    }

    internal static StopTrainingJob StopCommand(string name) => new()
    {
        ExperimentId = Guid.NewGuid(),
        Variant = "sharded",
        TrainingJobName = name,
    };
}
