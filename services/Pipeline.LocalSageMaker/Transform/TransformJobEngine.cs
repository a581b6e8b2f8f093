using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Pipeline.Aws;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Api;
using Pipeline.LocalSageMaker.Hosting;
using Pipeline.LocalSageMaker.Jobs;
using Pipeline.LocalSageMaker.Tagging;

namespace Pipeline.LocalSageMaker.Transform;

/// <summary>
/// LocalSageMaker's batch transform jobs: CreateTransformJob validates, checks the model exists in the hosting
/// engine's models and runs the job on a background task of its own (<see cref="TransformJobRunner"/>); Describe and
/// Stop read and change the jobs' records, kept for the engine's lifetime. Disposing the engine stops every running
/// job and waits for it to end.
/// </summary>
public sealed class TransformJobEngine(
    TransformJobRunner runner,
    HostingEngine hosting,
    ResourceTags tags,
    TimeProvider time,
    IOptions<LocalSageMakerOptions> options) : ITransformJobApi, IAsyncDisposable, IDisposable
{
    private static readonly string[] SortBys = ["Name", "CreationTime", "Status"];

    private readonly ConcurrentDictionary<string, TransformJob> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<TransformJob, Task> _running = new();
    private readonly Lock _gate = new();
    private bool _disposed;

    public Task<CreateTransformJobResponse> CreateTransformJobAsync(CreateTransformJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        TransformJobValidation.Validate(request);
        var name = request.TransformJobName!;
        var modelDataUrl = hosting.ModelDataUrl(request.ModelName!);
        var arn = $"arn:aws:sagemaker:{options.Value.Region}:{options.Value.AccountId}:transform-job/{name}";
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var job = new TransformJob(request, arn, modelDataUrl, time.GetUtcNow());
            if (!_jobs.TryAdd(name, job))
                throw new ResourceInUseException(
                    $"Job name must be unique within an AWS account and region, and a job with this name already exists ({_jobs[name].Arn})");
            tags.Register(arn, request.Tags);
            _running[job] = Task.Run(async () =>
            {
                try
                {
                    await runner.RunAsync(job).ConfigureAwait(false);
                }
                finally
                {
                    _running.TryRemove(job, out _);
                }
            }, CancellationToken.None);
        }

        return Task.FromResult(new CreateTransformJobResponse { TransformJobArn = arn });
    }

    public Task<DescribeTransformJobResponse> DescribeTransformJobAsync(DescribeTransformJobRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Find(request?.TransformJobName).Describe());

    public Task StopTransformJobAsync(StopTransformJobRequest request, CancellationToken cancellationToken)
    {
        Find(request?.TransformJobName).Stop();
        return Task.CompletedTask;
    }

    /// <summary>SortBy Name | CreationTime | Status, newest first unless SortOrder says Ascending (<see cref="ResourceListing"/>).</summary>
    public Task<ListTransformJobsResponse> ListTransformJobsAsync(ListTransformJobsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var summaries = _jobs.Values.Select(j => j.Summary()).Select(s => new Listed<TransformJobSummary>(
            s.TransformJobName!, s.CreationTime!.Value, s, s.TransformJobStatus, s.LastModifiedTime));
        var (page, next) = ResourceListing.List(summaries, new ListQuery(request.SortBy, request.SortOrder, request.NextToken,
                request.MaxResults, request.NameContains, request.CreationTimeBefore, request.CreationTimeAfter,
                request.LastModifiedTimeBefore, request.LastModifiedTimeAfter, request.StatusEquals),
            SortBys, JobStatus.All);
        return Task.FromResult(new ListTransformJobsResponse { TransformJobSummaries = page, NextToken = next });
    }

    /// <summary>Stops every running job and waits until each has ended.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
            _disposed = true;
        foreach (var job in _running.Keys)
            job.Stop(shutdown: true);
        await Task.WhenAll(_running.Values).ConfigureAwait(false);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private TransformJob Find(string? name)
    {
        if (name is null)
            throw new ValidationException("1 validation error detected: Value null at 'transformJobName' failed to satisfy constraint: Member must not be null");
        return _jobs.TryGetValue(name, out var job) ? job : throw new ResourceNotFoundException($"Could not find requested job with name {name}");
    }
}
