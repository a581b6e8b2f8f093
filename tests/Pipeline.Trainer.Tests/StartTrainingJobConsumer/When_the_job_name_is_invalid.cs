using Pipeline.Contracts;

namespace Pipeline.Trainer.Tests;

public sealed class When_the_job_name_is_invalid
{
    [Theory]
    [InlineData("replicated_job")]
    [InlineData("-replicated")]
    [InlineData("a-name-that-is-far-too-long-for-sagemaker-which-stops-at-63-chars")]
    public async Task Publishes_rejected_without_calling_sagemaker(string name)
    {
        var control = new InMemoryTrainingJobControl();
        await using var trainer = await TrainerHarness.StartAsync(control);

        await trainer.Send(TrainerHarness.StartCommand(name));

        var failed = await trainer.SinglePublished<TrainingJobFailed>();
        Assert.Equal("Rejected", failed.Status);
        Assert.Contains(name, failed.Reason, StringComparison.Ordinal);
        Assert.Equal(0, control.CreateCalls);
    }
}
