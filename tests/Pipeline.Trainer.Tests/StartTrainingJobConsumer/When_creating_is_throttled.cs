using System.Net;
using MassTransit;
using Pipeline.Aws;
using Pipeline.Contracts;

namespace Pipeline.Trainer.Tests;

public sealed class When_creating_is_throttled
{
    [Fact]
    public async Task The_consumer_does_not_call_again_because_the_http_client_already_backed_off()
    {
        var control = new InMemoryTrainingJobControl();
        control.FailNextCreates(new ThrottlingException("Rate exceeded"), new ThrottlingException("Rate exceeded"));
        await using var trainer = await TrainerHarness.StartAsync(control, retryLimit: 3);

        await trainer.Send(TrainerHarness.StartCommand());

        var fault = await trainer.SinglePublished<Fault<StartTrainingJob>>();
        Assert.Contains("ThrottlingException", fault.Exceptions.Single().ExceptionType, StringComparison.Ordinal);
        Assert.Equal(1, control.CreateCalls);
        Assert.False(await trainer.AnyPublished<TrainingJobStarted>());
    }
}

public sealed class When_creating_fails_for_a_transient_reason
{
    private static AwsServiceException InternalFailure() =>
        new("InternalFailure", "We encountered an internal error.", HttpStatusCode.InternalServerError);

    [Fact]
    public async Task Retries_and_publishes_started_once_the_call_goes_through()
    {
        var control = new InMemoryTrainingJobControl();
        control.FailNextCreates(InternalFailure(), InternalFailure());
        await using var trainer = await TrainerHarness.StartAsync(control);
        var command = TrainerHarness.StartCommand();

        await trainer.Send(command);

        var started = await trainer.SinglePublished<TrainingJobStarted>();
        Assert.Equal(InMemoryTrainingJobControl.ArnOf(command.TrainingJobName), started.TrainingJobArn);
        Assert.Equal(3, control.CreateCalls);
        Assert.Single(control.Created);
    }

    [Fact]
    public async Task Gives_up_after_the_retry_limit()
    {
        const int retryLimit = 2;
        var control = new InMemoryTrainingJobControl();
        control.FailNextCreates(Enumerable.Range(0, retryLimit + 1).Select(_ => (Exception)InternalFailure()).ToArray());
        await using var trainer = await TrainerHarness.StartAsync(control, retryLimit);

        await trainer.Send(TrainerHarness.StartCommand());

        await trainer.WaitForPublished<Fault<StartTrainingJob>>();
        Assert.Equal(retryLimit + 1, control.CreateCalls);
        Assert.False(await trainer.AnyPublished<TrainingJobStarted>());
    }
}
