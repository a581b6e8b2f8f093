using Pipeline.Aws;
using Pipeline.LocalSageMaker.Jobs;

namespace Pipeline.LocalSageMaker.Tests.Jobs;

public sealed class When_a_job_changes_status
{
    [Fact]
    public void A_stopped_job_shows_the_reason_its_stop_gave_and_not_the_failure_its_work_ended_with()
    {
        var job = new JobLifecycle("transform");

        Assert.True(job.TryStop(requestedByClient: false, "shutting down"));
        Assert.Equal("Stopping", job.Status);
        Assert.True(job.TryEnd("Stopped", "instance 1 failed"));

        Assert.Equal("Stopped", job.Status);
        Assert.Equal("shutting down", job.FailureReason);
    }

    [Fact]
    public void The_first_stop_and_the_first_end_win()
    {
        var job = new JobLifecycle("training");

        Assert.True(job.TryStop(requestedByClient: true, "first"));
        Assert.False(job.TryStop(requestedByClient: true, "second"));
        Assert.True(job.TryEnd("Failed", "broken"));
        Assert.False(job.TryEnd("Completed"));

        Assert.Equal("Failed", job.Status);
        Assert.Equal("broken", job.FailureReason);
    }

    [Fact]
    public void Halted_is_cancelled_by_the_signal_not_by_the_stop()
    {
        var job = new JobLifecycle("training");

        job.TryStop(requestedByClient: true);
        Assert.False(job.Halted.IsCancellationRequested);
        job.SignalHalt();

        Assert.True(job.Halted.IsCancellationRequested);
    }

    [Fact]
    public void Only_a_client_asking_to_stop_an_ended_job_is_refused()
    {
        var job = new JobLifecycle("transform");
        job.TryEnd("Completed");

        Assert.False(job.TryStop(requestedByClient: false));
        var refused = Assert.Throws<ValidationException>(() => job.TryStop(requestedByClient: true));

        Assert.Equal("The request was rejected because the transform job is in status Completed.", refused.ServiceMessage);
        Assert.Equal("Completed", job.Status);
    }

    [Fact]
    public void A_job_cannot_end_InProgress_or_Stopping()
    {
        var job = new JobLifecycle("training");

        Assert.Throws<ArgumentOutOfRangeException>(() => job.TryEnd("Stopping"));
        Assert.Throws<ArgumentOutOfRangeException>(() => job.TryEnd("InProgress"));
        Assert.Equal("InProgress", job.Status);
    }
}
