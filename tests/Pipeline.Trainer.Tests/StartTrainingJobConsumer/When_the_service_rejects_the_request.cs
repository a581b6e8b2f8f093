using Pipeline.Aws;
using Pipeline.Contracts;

namespace Pipeline.Trainer.Tests;

public sealed class When_the_service_rejects_the_request
{
    [Fact]
    public async Task Publishes_rejected_with_the_service_message_without_retrying()
    {
        const string message = "1 validation error detected: Value 'ml.c4.huge' at 'resourceConfig.instanceType' failed to satisfy constraint";
        var control = new InMemoryTrainingJobControl();
        control.FailNextCreates(new ValidationException(message));
        await using var trainer = await TrainerHarness.StartAsync(control);
        var command = TrainerHarness.StartCommand();

        await trainer.Send(command);

        var failed = await trainer.SinglePublished<TrainingJobFailed>();
        Assert.Equal("Rejected", failed.Status);
        Assert.Equal(message, failed.Reason);
        Assert.Equal(command.TrainingJobName, failed.TrainingJobName);
        Assert.Equal(1, control.CreateCalls);
        Assert.False(await trainer.AnyPublished<TrainingJobStarted>());
    }
}
