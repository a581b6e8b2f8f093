using MassTransit;
using Pipeline.Aws;
using Pipeline.Contracts;

namespace Pipeline.Trainer.Tests;

public sealed class When_stopping_is_refused_for_another_reason
{
    [Fact]
    public async Task Faults_without_claiming_the_stop_and_without_retrying()
    {
        var control = new InMemoryTrainingJobControl
        {
            StopError = new ValidationException("1 validation error detected: Value at 'trainingJobName' failed to satisfy constraint"),
        };
        await using var trainer = await TrainerHarness.StartAsync(control);

        await trainer.Send(When_stopping_a_running_job.StopCommand("replicated-0123456789abcdef0123456789abcdef"));

        await trainer.WaitForPublished<Fault<StopTrainingJob>>();
        Assert.False(await trainer.AnyPublished<TrainingJobStopRequested>());
        Assert.Equal(1, control.StopCalls);
    }

    [Fact]
    public async Task Throttling_faults_at_once_because_the_http_client_already_backed_off()
    {
        var control = new InMemoryTrainingJobControl();
        var command = When_stopping_a_running_job.StopCommand("replicated-0123456789abcdef0123456789abcdef");
        control.AddJob(command.TrainingJobName, "InProgress");
        control.StopError = new ThrottlingException("Rate exceeded");
        await using var trainer = await TrainerHarness.StartAsync(control, retryLimit: 3);

        await trainer.Send(command);

        await trainer.WaitForPublished<Fault<StopTrainingJob>>();
        Assert.False(await trainer.AnyPublished<TrainingJobStopRequested>());
        Assert.Equal(1, control.StopCalls);
    }
}
