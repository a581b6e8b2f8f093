using Pipeline.Contracts;

namespace Pipeline.Trainer.Tests;

public sealed class When_the_job_to_stop_has_already_ended
{
    [Theory]
    [InlineData("Completed")]
    [InlineData("Failed")]
    [InlineData("Stopped")]
    [InlineData("Stopping")]
    public async Task Publishes_stop_requested_without_retrying(string status)
    {
        var control = new InMemoryTrainingJobControl();
        var command = When_stopping_a_running_job.StopCommand("replicated-0123456789abcdef0123456789abcdef");
        control.AddJob(command.TrainingJobName, status);
        await using var trainer = await TrainerHarness.StartAsync(control);

        await trainer.Send(command);

        await trainer.SinglePublished<TrainingJobStopRequested>();
        Assert.Equal(1, control.StopCalls);
        Assert.Empty(control.Stopped);
    }

    [Theory]
    [InlineData("The request was rejected because the training job is in status Completed.", true)]
    [InlineData("The job status is Stopped", true)]
    [InlineData("Training job status is Failed; it cannot be stopped", true)]
    [InlineData("1 validation error detected: Value 'bad name' at 'trainingJobName' failed to satisfy constraint", false)]
    [InlineData("Completed jobs cannot be stopped", false)]
    public void Only_a_refusal_naming_an_ended_status_counts(string serviceMessage, bool ended) =>
        Assert.Equal(ended, StopTrainingJobConsumer.IsNotInProgress(serviceMessage));
}
