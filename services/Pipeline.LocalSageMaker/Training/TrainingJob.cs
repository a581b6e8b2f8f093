using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Jobs;

namespace Pipeline.LocalSageMaker.Training;

/// <summary>Why a job was halted before it could finish on its own.</summary>
public enum HaltCause
{
    None,
    StopRequested,
    MaxRuntimeExceeded,
    Shutdown,
}

/// <summary>
/// One training job's record: the request as accepted (defaults filled in) and where the job has got to. Every change
/// goes through a method that keeps the statuses, their transitions and the times consistent; thread-safe.
/// </summary>
public sealed class TrainingJob
{
    private readonly Lock _gate = new();
    private readonly List<SecondaryStatusTransition> _transitions = [];
    private readonly JobLifecycle _lifecycle = new("training");
    private string _secondary = SecondaryStatus.Starting;
    private DateTimeOffset _lastModified;
    private DateTimeOffset? _trainingStart;
    private DateTimeOffset? _trainingEnd;
    private string? _modelArtifacts;

    /// <param name="algorithmMetrics">The algorithm's own metric definitions, used when the request defines none.</param>
    public TrainingJob(CreateTrainingJobRequest request, string arn, DateTimeOffset now, IReadOnlyList<MetricDefinition>? algorithmMetrics = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        Request = WithDefaults(request, algorithmMetrics ?? []);
        Metrics = new TrainingMetrics(Request.AlgorithmSpecification?.MetricDefinitions);
        Name = request.TrainingJobName!;
        Arn = arn;
        CreationTime = now;
        _lastModified = now;
        _transitions.Add(new SecondaryStatusTransition { Status = SecondaryStatus.Starting, StartTime = now, StatusMessage = "Preparing the instances for training" });
    }

    public string Name { get; }

    public string Arn { get; }

    /// <summary>The request with SageMaker's defaults filled in, as DescribeTrainingJob shows it.</summary>
    public CreateTrainingJobRequest Request { get; }

    public DateTimeOffset CreationTime { get; }

    /// <summary>DescribeTrainingJob's TrainingTimeInSeconds: null until the job has trained and ended.</summary>
    public int? TrainingTimeInSeconds
    {
        get
        {
            lock (_gate)
                return TrainingSeconds();
        }
    }

    /// <summary>What the job's metric definitions matched in its hosts' logs.</summary>
    public TrainingMetrics Metrics { get; }

    public int InstanceCount => Request.ResourceConfig!.InstanceCount!.Value;

    public TimeSpan MaxRuntime => TimeSpan.FromSeconds(Request.StoppingCondition!.MaxRuntimeInSeconds!.Value);

    /// <summary>Cancelled when the job is halted (stop, max runtime, shutdown).</summary>
    public CancellationToken Halted => _lifecycle.Halted;

    public HaltCause HaltCause { get; private set; }

    public string Status
    {
        get
        {
            lock (_gate)
                return _lifecycle.Status;
        }
    }

    public DateTimeOffset LastModifiedTime
    {
        get
        {
            lock (_gate)
                return _lastModified;
        }
    }

    /// <summary>Moves to the next secondary status of a running job; ignored once the job is halted or ended.</summary>
    public void Enter(string secondaryStatus, string message, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_lifecycle.IsInProgress)
                return;
            Transition(secondaryStatus, message, now);
            if (secondaryStatus == SecondaryStatus.Downloading)
                _trainingStart ??= now;
        }
    }

    /// <summary>Replaces the message of the current secondary status of a running job (what Starting is waiting for).</summary>
    public void Note(string message, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_lifecycle.IsInProgress)
                return;
            _transitions[^1] = _transitions[^1] with { StatusMessage = message };
            _lastModified = now;
        }
    }

    /// <summary>
    /// Halts a running job (status Stopping) and cancels <see cref="Halted"/>. A job already halting is left as is;
    /// stopping an ended job is the ValidationException SageMaker answers. The first cause wins.
    /// </summary>
    public void Halt(HaltCause cause, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_lifecycle.TryStop(requestedByClient: cause == HaltCause.StopRequested))
                return;
            HaltCause = cause;
            Transition(SecondaryStatus.Stopping, cause switch
            {
                HaltCause.MaxRuntimeExceeded => $"Stopping the training job: it ran longer than MaxRuntimeInSeconds ({MaxRuntime.TotalSeconds:0})",
                HaltCause.Shutdown => "Stopping the training job: LocalSageMaker is shutting down",
                _ => "Stopping the training job",
            }, now);
        }

        _lifecycle.SignalHalt();
    }

    public void Complete(string modelArtifacts, DateTimeOffset now) =>
        End(JobStatus.Completed, SecondaryStatus.Completed, "Training job completed", now, failureReason: null, modelArtifacts);

    public void Fail(string reason, DateTimeOffset now) =>
        End(JobStatus.Failed, SecondaryStatus.Failed, $"Training job failed. Reason: {reason}", now, reason, modelArtifacts: null);

    /// <summary>Ends a halted job: Stopped, secondary MaxRuntimeExceeded or Stopped; with the model when one was saved.</summary>
    public void EndHalted(string? modelArtifacts, DateTimeOffset now)
    {
        if (HaltCause == HaltCause.MaxRuntimeExceeded)
            End(JobStatus.Stopped, SecondaryStatus.MaxRuntimeExceeded, "Training job stopped: it exceeded MaxRuntimeInSeconds", now, null, modelArtifacts);
        else
            End(JobStatus.Stopped, SecondaryStatus.Stopped, "Training job stopped", now, null, modelArtifacts);
    }

    public DescribeTrainingJobResponse Describe()
    {
        lock (_gate)
        {
            var seconds = TrainingSeconds();
            return new DescribeTrainingJobResponse
            {
                TrainingJobName = Name,
                TrainingJobArn = Arn,
                ModelArtifacts = _modelArtifacts is null ? null : new ModelArtifacts { S3ModelArtifacts = _modelArtifacts },
                TrainingJobStatus = _lifecycle.Status,
                SecondaryStatus = _secondary,
                FailureReason = _lifecycle.FailureReason,
                HyperParameters = Request.HyperParameters,
                AlgorithmSpecification = Request.AlgorithmSpecification,
                RoleArn = Request.RoleArn,
                InputDataConfig = Request.InputDataConfig,
                OutputDataConfig = Request.OutputDataConfig,
                ResourceConfig = Request.ResourceConfig,
                StoppingCondition = Request.StoppingCondition,
                CreationTime = CreationTime,
                TrainingStartTime = _trainingStart,
                TrainingEndTime = _trainingEnd,
                LastModifiedTime = _lastModified,
                SecondaryStatusTransitions = _transitions.ConvertAll(t => t with { }),
                FinalMetricDataList = Metrics.Final() is { Count: > 0 } final ? final : null,
                TrainingTimeInSeconds = seconds,
                // Per instance, as SageMaker reports it: on-demand instances are billed for the training time.
                BillableTimeInSeconds = seconds,
                Environment = Request.Environment,
                EnableNetworkIsolation = Request.EnableNetworkIsolation,
                EnableInterContainerTrafficEncryption = Request.EnableInterContainerTrafficEncryption,
                EnableManagedSpotTraining = Request.EnableManagedSpotTraining,
            };
        }
    }

    public TrainingJobSummary Summary()
    {
        lock (_gate)
        {
            return new TrainingJobSummary
            {
                TrainingJobName = Name,
                TrainingJobArn = Arn,
                CreationTime = CreationTime,
                TrainingEndTime = _trainingEnd,
                LastModifiedTime = _lastModified,
                TrainingJobStatus = _lifecycle.Status,
            };
        }
    }

    private void End(string status, string secondary, string message, DateTimeOffset now, string? failureReason, string? modelArtifacts)
    {
        lock (_gate)
        {
            if (!_lifecycle.TryEnd(status, failureReason))
                return;
            _modelArtifacts = modelArtifacts;
            if (_trainingStart is not null)
                _trainingEnd = now;
            Transition(secondary, message, now);
            _transitions[^1] = _transitions[^1] with { EndTime = now };
        }

    }

    private void Transition(string secondaryStatus, string message, DateTimeOffset now)
    {
        _transitions[^1] = _transitions[^1] with { EndTime = now };
        _transitions.Add(new SecondaryStatusTransition { Status = secondaryStatus, StartTime = now, StatusMessage = message });
        _secondary = secondaryStatus;
        _lastModified = now;
    }

    /// <summary>Whole seconds from TrainingStartTime to TrainingEndTime, rounded up (SageMaker bills started seconds).</summary>
    private int? TrainingSeconds() =>
        _trainingStart is { } start && _trainingEnd is { } end ? (int)Math.Ceiling((end - start).TotalSeconds) : null;

    private static CreateTrainingJobRequest WithDefaults(CreateTrainingJobRequest request, IReadOnlyList<MetricDefinition> algorithmMetrics) => request with
    {
        AlgorithmSpecification = request.AlgorithmSpecification is { } algorithm
            ? algorithm with
            {
                MetricDefinitions = algorithm.MetricDefinitions ?? (algorithmMetrics.Count > 0 ? [.. algorithmMetrics] : null),
                EnableSageMakerMetricsTimeSeries = algorithm.EnableSageMakerMetricsTimeSeries ?? false,
            }
            : null,
        HyperParameters = request.HyperParameters is null ? [] : new Dictionary<string, string>(request.HyperParameters, StringComparer.Ordinal),
        InputDataConfig = request.InputDataConfig?.ConvertAll(c => c with
        {
            DataSource = c.DataSource! with
            {
                S3DataSource = c.DataSource.S3DataSource! with
                {
                    S3DataDistributionType = c.DataSource.S3DataSource.S3DataDistributionType ?? "FullyReplicated",
                },
            },
            CompressionType = c.CompressionType ?? "None",
            RecordWrapperType = c.RecordWrapperType ?? "None",
        }) ?? [],
        // SageMaker shows an unset KMS key as "" (the SDK's Estimator.attach reads it with no fallback).
        OutputDataConfig = request.OutputDataConfig! with
        {
            CompressionType = request.OutputDataConfig.CompressionType ?? "GZIP",
            KmsKeyId = request.OutputDataConfig.KmsKeyId ?? "",
        },
        StoppingCondition = request.StoppingCondition! with
        {
            MaxRuntimeInSeconds = request.StoppingCondition.MaxRuntimeInSeconds ?? CreateTrainingJobValidation.DefaultMaxRuntimeSeconds,
        },
        EnableNetworkIsolation = request.EnableNetworkIsolation ?? false,
        EnableInterContainerTrafficEncryption = request.EnableInterContainerTrafficEncryption ?? false,
        EnableManagedSpotTraining = request.EnableManagedSpotTraining ?? false,
    };
}
