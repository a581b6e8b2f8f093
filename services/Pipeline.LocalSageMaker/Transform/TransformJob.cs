using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Jobs;

namespace Pipeline.LocalSageMaker.Transform;

/// <summary>
/// One transform job's record: the request as accepted (SageMaker's defaults filled in), the model data it runs and
/// where the job has got to. InProgress, then Completed or Failed (with the reason), or Stopping then Stopped. Every
/// change goes through a method that keeps status and times consistent; thread-safe.
/// </summary>
public sealed class TransformJob
{
    public const int DefaultMaxPayloadInMB = 6;
    public const int DefaultMaxConcurrentTransforms = 1;

    private readonly Lock _gate = new();
    private readonly JobLifecycle _lifecycle = new("transform");
    private DateTimeOffset? _start;
    private DateTimeOffset? _end;

    public TransformJob(CreateTransformJobRequest request, string arn, string modelDataUrl, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        Request = WithDefaults(request);
        Name = request.TransformJobName!;
        Arn = arn;
        ModelDataUrl = modelDataUrl;
        CreationTime = now;
    }

    public string Name { get; }

    public string Arn { get; }

    /// <summary>The request with SageMaker's defaults filled in, as DescribeTransformJob shows it.</summary>
    public CreateTransformJobRequest Request { get; }

    /// <summary>The model's artifact as it was when the job was created (deleting the model later does not affect the job).</summary>
    public string ModelDataUrl { get; }

    public DateTimeOffset CreationTime { get; }

    public int InstanceCount => Request.TransformResources!.InstanceCount!.Value;

    /// <summary>Requests in flight at once per instance.</summary>
    public int MaxConcurrentTransforms => Math.Max(1, Request.MaxConcurrentTransforms!.Value);

    /// <summary>The largest request body in bytes (MaxPayloadInMB of 2^20 bytes); 0 means no limit.</summary>
    public long MaxPayloadBytes => (long)Request.MaxPayloadInMB!.Value << 20;

    /// <summary>Cancelled when the job is stopped (StopTransformJob, or LocalSageMaker shutting down).</summary>
    public CancellationToken Halted => _lifecycle.Halted;

    public string Status
    {
        get
        {
            lock (_gate)
                return _lifecycle.Status;
        }
    }

    /// <summary>The instances have started and begin reading input.</summary>
    public void Started(DateTimeOffset now)
    {
        lock (_gate)
            _start ??= now;
    }

    /// <summary>
    /// InProgress becomes Stopping and the job's work is cancelled; a second stop changes nothing. A job that has
    /// ended cannot be stopped (ValidationException, as SageMaker answers).
    /// </summary>
    public void Stop(bool shutdown = false)
    {
        lock (_gate)
        {
            if (!_lifecycle.TryStop(requestedByClient: !shutdown, shutdown ? "LocalSageMaker is shutting down" : null))
                return;
        }

        _lifecycle.SignalHalt();
    }

    /// <summary>The job's work is over: Stopped if a stop was asked for, else Failed with <paramref name="failureReason"/> or Completed.</summary>
    public void End(string? failureReason, DateTimeOffset now)
    {
        lock (_gate)
        {
            var status = _lifecycle.IsStopping ? JobStatus.Stopped : failureReason is null ? JobStatus.Completed : JobStatus.Failed;
            if (!_lifecycle.TryEnd(status, failureReason))
                return;
            _start ??= now;
            _end = now;
        }
    }

    public DescribeTransformJobResponse Describe()
    {
        lock (_gate)
        {
            return new DescribeTransformJobResponse
            {
                TransformJobName = Name,
                TransformJobArn = Arn,
                TransformJobStatus = _lifecycle.Status,
                FailureReason = _lifecycle.FailureReason,
                ModelName = Request.ModelName,
                MaxConcurrentTransforms = Request.MaxConcurrentTransforms,
                MaxPayloadInMB = Request.MaxPayloadInMB,
                BatchStrategy = Request.BatchStrategy,
                Environment = Request.Environment,
                TransformInput = Request.TransformInput,
                TransformOutput = Request.TransformOutput,
                TransformResources = Request.TransformResources,
                CreationTime = CreationTime,
                TransformStartTime = _start,
                TransformEndTime = _end,
            };
        }
    }

    /// <summary>The job as ListTransformJobs shows it; last modified when it last started or ended.</summary>
    public TransformJobSummary Summary()
    {
        lock (_gate)
        {
            return new TransformJobSummary
            {
                TransformJobName = Name,
                TransformJobArn = Arn,
                CreationTime = CreationTime,
                TransformEndTime = _end,
                LastModifiedTime = _end ?? _start ?? CreationTime,
                TransformJobStatus = _lifecycle.Status,
                FailureReason = _lifecycle.FailureReason,
            };
        }
    }

    private static CreateTransformJobRequest WithDefaults(CreateTransformJobRequest request) => request with
    {
        MaxConcurrentTransforms = request.MaxConcurrentTransforms is null or 0 ? DefaultMaxConcurrentTransforms : request.MaxConcurrentTransforms,
        MaxPayloadInMB = request.MaxPayloadInMB ?? DefaultMaxPayloadInMB,
        BatchStrategy = request.BatchStrategy ?? "MultiRecord",
        TransformInput = request.TransformInput! with
        {
            CompressionType = request.TransformInput!.CompressionType ?? "None",
            SplitType = request.TransformInput.SplitType ?? "None",
        },
        TransformOutput = request.TransformOutput! with { AssembleWith = request.TransformOutput!.AssembleWith ?? "None" },
    };
}
