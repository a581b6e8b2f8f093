using Pipeline.Aws;

namespace Pipeline.JobWatcher.Tests;

/// <summary>Answers DescribeTrainingJob from a script, one step per call; the last step repeats.</summary>
public sealed class ScriptedTrainingJobDescriber(params Func<string, TrainingJobDescription>[] steps) : ITrainingJobDescriber
{
    private readonly Lock _lock = new();
    private readonly List<DateTime> _calls = [];

    public int Calls
    {
        get { lock (_lock) return _calls.Count; }
    }

    public IReadOnlyList<DateTime> CallTimes
    {
        get { lock (_lock) return [.. _calls]; }
    }

    public Task<TrainingJobDescription> DescribeTrainingJobAsync(string trainingJobName, CancellationToken cancellationToken)
    {
        Func<string, TrainingJobDescription> step;
        lock (_lock)
        {
            step = steps[Math.Min(_calls.Count, steps.Length - 1)];
            _calls.Add(DateTime.UtcNow);
        }

        return Task.FromResult(step(trainingJobName));
    }

    public static Func<string, TrainingJobDescription> Running(string secondaryStatus, string status = "InProgress") =>
        name => new TrainingJobDescription
        {
            TrainingJobName = name,
            TrainingJobStatus = status,
            SecondaryStatus = secondaryStatus,
            InstanceCount = 5,
        };

    public static Func<string, TrainingJobDescription> Ended(string status, string secondaryStatus, string? failureReason = null) =>
        name => new TrainingJobDescription
        {
            TrainingJobName = name,
            TrainingJobStatus = status,
            SecondaryStatus = secondaryStatus,
            FailureReason = failureReason,
            InstanceCount = 5,
        };

    public static Func<string, TrainingJobDescription> Throws(Func<Exception> error) => _ => throw error();

    public static Func<string, TrainingJobDescription> Throttled() => Throws(() => new ThrottlingException("Rate exceeded"));
}
