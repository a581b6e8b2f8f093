using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Pipeline.Aws;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Api;
using Pipeline.LocalSageMaker.Tagging;

namespace Pipeline.LocalSageMaker.Training;

/// <summary>
/// LocalSageMaker's training jobs: CreateTrainingJob validates and starts the job on a background task of its own
/// (<see cref="TrainingJobRunner"/>), so jobs run concurrently; Describe, Stop and List read and change the jobs'
/// records. Jobs are kept for the engine's lifetime. Disposing the engine stops every running job and waits for each
/// to end (processes killed, folders removed), so that none is left half-done.
/// </summary>
public sealed class TrainingJobEngine(
    TrainingJobRunner runner,
    TrainingImages images,
    ResourceTags tags,
    TimeProvider time,
    IOptions<LocalSageMakerOptions> options) : ITrainingJobApi, IAsyncDisposable, IDisposable
{
    public const string NotFound = "Requested resource not found.";

    private readonly ConcurrentDictionary<string, TrainingJob> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<TrainingJob, Task> _running = new();
    private readonly Lock _gate = new();
    private readonly LocalSageMakerOptions _options = options.Value;
    private bool _disposed;

    public Task<CreateTrainingJobResponse> CreateTrainingJobAsync(CreateTrainingJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = CreateTrainingJobValidation.Problems(request);
        problems.AddRange(ResourceTags.Problems(request.Tags));
        ITrainingAlgorithm? algorithm = null;
        if (request.AlgorithmSpecification?.TrainingImage is { } image)
        {
            algorithm = images.Resolve(image, request.Environment, out var problem);
            if (problem is not null)
                problems.Add(problem);
        }

        if (problems.Count > 0)
            throw new ValidationException(CreateTrainingJobValidation.Message(problems));

        var name = request.TrainingJobName!;
        var arn = $"arn:aws:sagemaker:{_options.Region}:{_options.AccountId}:training-job/{name}";
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var job = new TrainingJob(request, arn, time.GetUtcNow(), algorithm!.MetricDefinitions);
            if (!_jobs.TryAdd(name, job))
                throw new ResourceInUseException(
                    $"Training job names must be unique within an AWS account and region, and a training job with this name already exists ({_jobs[name].Arn})");
            tags.Register(arn, request.Tags);
            _running[job] = Task.Run(async () =>
            {
                try
                {
                    await runner.RunAsync(job, algorithm!).ConfigureAwait(false);
                }
                finally
                {
                    _running.TryRemove(job, out _);
                }
            }, CancellationToken.None);
        }

        return Task.FromResult(new CreateTrainingJobResponse { TrainingJobArn = arn });
    }

    public Task<DescribeTrainingJobResponse> DescribeTrainingJobAsync(DescribeTrainingJobRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Find(request?.TrainingJobName).Describe());

    public Task StopTrainingJobAsync(StopTrainingJobRequest request, CancellationToken cancellationToken)
    {
        Find(request?.TrainingJobName).Halt(HaltCause.StopRequested, time.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task<ListTrainingJobsResponse> ListTrainingJobsAsync(ListTrainingJobsRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(TrainingJobListing.List(_jobs.Values, request));

    /// <summary>The jobs created so far, for the CloudWatch metrics their logs give.</summary>
    internal IEnumerable<TrainingJob> Jobs => _jobs.Values;

    internal TrainingJob? Job(string name) => _jobs.GetValueOrDefault(name);

    /// <summary>Stops every running job (Stopped, "LocalSageMaker is shutting down") and waits until each has ended.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
            _disposed = true;
        foreach (var job in _running.Keys)
            job.Halt(HaltCause.Shutdown, time.GetUtcNow());
        await Task.WhenAll(_running.Values).ConfigureAwait(false);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private TrainingJob Find(string? name)
    {
        if (name is null)
            throw new ValidationException("1 validation error detected: Value null at 'trainingJobName' failed to satisfy constraint: Member must not be null");
        // As SageMaker answers it: ValidationException on the wire (its API model's ResourceNotFound is never sent).
        return _jobs.TryGetValue(name, out var job) ? job : throw new ResourceNotFoundException(NotFound, errorCode: "ValidationException");
    }
}
