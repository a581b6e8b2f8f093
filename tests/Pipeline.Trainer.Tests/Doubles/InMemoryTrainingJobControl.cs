using Pipeline.Aws.SageMaker;
using Pipeline.Aws;

namespace Pipeline.Trainer.Tests;

/// <summary>
/// A SageMaker control plane in memory with its answers: a taken name gives ResourceInUse, stopping an
/// unknown job ResourceNotFound, stopping an ended job a ValidationException naming its status.
/// </summary>
public sealed class InMemoryTrainingJobControl : ITrainingJobControl
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (string Arn, string Status)> _jobs = [];
    private readonly Queue<Exception> _createErrors = new();
    private readonly List<CreateTrainingJobRequest> _created = [];
    private readonly List<string> _stopped = [];
    private int _createCalls;
    private int _describeCalls;
    private int _stopCalls;

    public int CreateCalls => Volatile.Read(ref _createCalls);
    public int DescribeCalls => Volatile.Read(ref _describeCalls);
    public int StopCalls => Volatile.Read(ref _stopCalls);

    public IReadOnlyList<CreateTrainingJobRequest> Created
    {
        get { lock (_lock) return [.. _created]; }
    }

    public IReadOnlyList<string> Stopped
    {
        get { lock (_lock) return [.. _stopped]; }
    }

    /// <summary>An exception thrown by StopTrainingJob before the job is looked at.</summary>
    public Exception? StopError { get; set; }

    public static string ArnOf(string name) => $"arn:aws:sagemaker:us-east-1:123456789012:training-job/{name.ToLowerInvariant()}";

    public string AddJob(string name, string status)
    {
        lock (_lock)
            _jobs[name] = (ArnOf(name), status);
        return ArnOf(name);
    }

    /// <summary>The next CreateTrainingJob calls fail with these, in order, before the name is looked at.</summary>
    public void FailNextCreates(params Exception[] errors)
    {
        lock (_lock)
            foreach (var error in errors)
                _createErrors.Enqueue(error);
    }

    public Task<string> CreateTrainingJobAsync(CreateTrainingJobRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _createCalls);
        lock (_lock)
        {
            if (_createErrors.TryDequeue(out var error))
                throw error;
            var name = request.TrainingJobName!;
            if (_jobs.ContainsKey(name))
                throw new ResourceInUseException($"Training job names must be unique within an AWS account and region, and a training job with this name already exists ({ArnOf(name)})");
            _jobs[name] = (ArnOf(name), "InProgress");
            _created.Add(request);
            return Task.FromResult(ArnOf(name));
        }
    }

    public Task<string> DescribeTrainingJobArnAsync(string trainingJobName, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _describeCalls);
        lock (_lock)
        {
            return _jobs.TryGetValue(trainingJobName, out var job)
                ? Task.FromResult(job.Arn)
                : throw new ResourceNotFoundException($"Requested resource not found: {trainingJobName}");
        }
    }

    public Task StopTrainingJobAsync(string trainingJobName, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _stopCalls);
        lock (_lock)
        {
            if (StopError is { } error)
                throw error;
            if (!_jobs.TryGetValue(trainingJobName, out var job))
                throw new ResourceNotFoundException($"Training job {trainingJobName} does not exist.");
            if (job.Status != "InProgress")
                throw new ValidationException($"The request was rejected because the training job is in status {job.Status}.");
            _jobs[trainingJobName] = job with { Status = "Stopping" };
            _stopped.Add(trainingJobName);
            return Task.CompletedTask;
        }
    }
}
