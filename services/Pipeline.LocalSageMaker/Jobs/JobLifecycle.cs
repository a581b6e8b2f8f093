using Pipeline.Aws;

namespace Pipeline.LocalSageMaker.Jobs;

/// <summary>
/// Where one job (training or transform) has got to: InProgress, then Completed or Failed (with the reason), or
/// Stopping then Stopped. The first stop and the first end win. Not thread-safe: the job that owns it reads and changes
/// it under its own lock, together with the rest of its record, so that a describe shows them as one.
/// </summary>
/// <param name="jobKind">How SageMaker's messages name the kind of job ("training", "transform").</param>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification =
    "The halt source has no timer and its wait handle is never asked for, so it holds nothing to release; disposing it would race with late Stop calls.")]
public sealed class JobLifecycle(string jobKind)
{
    private readonly CancellationTokenSource _halt = new();

    public string Status { get; private set; } = JobStatus.InProgress;

    public string? FailureReason { get; private set; }

    public bool IsInProgress => Status == JobStatus.InProgress;

    public bool IsStopping => Status == JobStatus.Stopping;

    /// <summary>Cancelled (by <see cref="SignalHalt"/>) once the job has begun to stop.</summary>
    public CancellationToken Halted => _halt.Token;

    /// <summary>
    /// An InProgress job becomes Stopping (true), <paramref name="reason"/> the FailureReason it shows when Stopped. A job
    /// already stopping stays as it is (false); so does one that has ended, unless the client asked for the stop: that
    /// is the ValidationException SageMaker answers. After true the owner calls <see cref="SignalHalt"/>.
    /// </summary>
    public bool TryStop(bool requestedByClient, string? reason = null)
    {
        if (JobStatus.IsTerminal(Status))
        {
            if (requestedByClient)
                throw new ValidationException($"The request was rejected because the {jobKind} job is in status {Status}.");
            return false;
        }

        if (IsStopping)
            return false;
        Status = JobStatus.Stopping;
        FailureReason = reason;
        return true;
    }

    /// <summary>Cancels <see cref="Halted"/>; the owner calls it after letting go of its lock, as the token's callbacks run on this thread.</summary>
    public void SignalHalt() => _halt.Cancel();

    /// <summary>
    /// Ends the job as <paramref name="status"/>: Completed, Failed with <paramref name="failureReason"/>, or Stopped with
    /// the reason its stop gave. False, and nothing changes, when the job has already ended.
    /// </summary>
    public bool TryEnd(string status, string? failureReason = null)
    {
        if (!JobStatus.IsTerminal(status))
            throw new ArgumentOutOfRangeException(nameof(status), status, "A job ends Completed, Failed or Stopped.");
        if (JobStatus.IsTerminal(Status))
            return false;
        Status = status;
        if (status != JobStatus.Stopped)
            FailureReason = failureReason;
        return true;
    }
}
