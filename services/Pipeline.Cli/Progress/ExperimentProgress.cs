using System.Globalization;
using Pipeline.Contracts;

namespace Pipeline.Cli.Progress;

/// <summary>
/// Folds the events of one experiment into per-variant status. Events may come twice (redelivery) or late;
/// a repeat changes nothing and a variant never moves back, so what is shown is what really happened.
/// </summary>
public sealed class ExperimentProgress
{
    private readonly Dictionary<string, VariantProgress> _variants;

    public ExperimentProgress(Guid experimentId, ExperimentSpec spec)
    {
        ExperimentId = experimentId;
        Name = spec.Name;
        ModelOnly = spec.Evaluation?.ByBatchTransform == true;
        Variants = spec.Variants.Select(v => new VariantProgress(v, spec.InstanceCountOf(v))).ToList();
        _variants = Variants.GroupBy(v => v.Name).ToDictionary(g => g.Key, g => g.First());
    }

    public Guid ExperimentId { get; }
    public string Name { get; }

    /// <summary>The experiment evaluates by batch transform: its variants get a model and no endpoint.</summary>
    public bool ModelOnly { get; }

    public IReadOnlyList<VariantProgress> Variants { get; }
    public IngestedDataset? Dataset { get; private set; }
    public string? IngestionFailure { get; private set; }
    public bool CancelRequested { get; private set; }

    /// <summary>Time per stage, as the run that follows this experiment notes it.</summary>
    public StageTimes Stages { get; } = new();

    /// <summary>ExperimentCompleted, ExperimentFailed, ExperimentCancelled or ExperimentRejected, once one arrived.</summary>
    public object? Outcome { get; private set; }

    public bool IsFinished => Outcome is not null;

    public ExperimentStage Stage => Outcome switch
    {
        ExperimentCompleted => ExperimentStage.Completed,
        ExperimentFailed => ExperimentStage.Failed,
        ExperimentCancelled => ExperimentStage.Cancelled,
        ExperimentRejected => ExperimentStage.Rejected,
        _ => RunningStage(),
    };

    /// <summary>
    /// The stage the latest change belongs to: the stage before the event moved the experiment on ("[Training]
    /// sharded: trained", not "[Deploying]"), or the outcome for the event that ended it.
    /// </summary>
    public ExperimentStage ChangeStage { get; private set; } = ExperimentStage.Ingesting;

    /// <summary>Applies one event; returns what changed in words, or null when it changed nothing.</summary>
    public string? Apply(object message)
    {
        var before = Stage;
        var change = Fold(message);
        if (change is not null)
            ChangeStage = IsFinished ? Stage : before;
        return change;
    }

    /// <summary>
    /// One short phrase for the progress table. A job still Starting while another variant's job is past Starting is
    /// most likely queued for LocalSageMaker's training slot (one job at a time by default): the events carry no
    /// reason, so this is what the CLI can tell.
    /// </summary>
    public string Describe(VariantProgress variant) =>
        QueuedBehind(variant) is { } other ? $"starting: queued behind {other.Name} ({OneJobAtATime})" : variant.Describe();

    private const string OneJobAtATime = "LocalSageMaker trains one job at a time by default";

    private VariantProgress? QueuedBehind(VariantProgress variant) =>
        IsStarting(variant)
            ? Variants.FirstOrDefault(o => o != variant && !o.Failed && o.Status == VariantStatus.Training && o.SecondaryStatus is not null && !IsStarting(o))
            : null;

    private static bool IsStarting(VariantProgress variant) =>
        !variant.Failed && variant.Status == VariantStatus.Training && variant.SecondaryStatus is null or "Starting";

    private string? Fold(object message) => message switch
    {
        ExperimentCompleted m when Mine(m.ExperimentId) => Finish(m, "experiment completed"),
        ExperimentFailed m when Mine(m.ExperimentId) => Finish(m, $"experiment failed in {m.Stage}: {m.Reason}"),
        ExperimentCancelled m when Mine(m.ExperimentId) => Finish(m, $"experiment cancelled in {m.Stage}: {m.Reason}"),
        ExperimentRejected m when Mine(m.ExperimentId) => Finish(m, $"experiment rejected: {string.Join("; ", m.Problems)}"),
        _ when IsFinished => null,
        DatasetIngested m when Mine(m.ExperimentId) => Ingested(m.Dataset),
        DatasetIngestionFailed m when Mine(m.ExperimentId) => IngestionFailed(m.Reason),
        TrainingJobStarted m when Mine(m.ExperimentId) => Update(m.Variant, v => TrainingStarted(v, m.TrainingJobName)),
        TrainingJobStatusChanged m when Mine(m.ExperimentId) => Update(m.Variant, v => StatusChanged(v, m) is { } text ? text + QueueNote(v) : null),
        TrainingJobCompleted m when Mine(m.ExperimentId) => Update(m.Variant, v => Trained(v, m)),
        TrainingJobFailed m when Mine(m.ExperimentId) => Update(m.Variant, v => Fail(v, "Training", $"{m.Status}: {m.Reason}")),
        TrainingJobStopRequested m when Mine(m.ExperimentId) => Update(m.Variant, v => StopRequested(v, m.TrainingJobName)),
        EndpointInService m when Mine(m.ExperimentId) => Update(m.Variant, v => InService(v, m.EndpointName)),
        ModelCreated m when Mine(m.ExperimentId) => Update(m.Variant, v => ModelCreated(v, m.ModelName)),
        EndpointDeploymentFailed m when Mine(m.ExperimentId) => Update(m.Variant, v => Fail(v, "Deploying", m.Reason)),
        EndpointEvaluated m when Mine(m.ExperimentId) => Update(m.Variant, v => Evaluated(v, m.Metrics)),
        EndpointEvaluationFailed m when Mine(m.ExperimentId) => Update(m.Variant, v => Fail(v, "Evaluating", m.Reason)),
        EndpointDeleted m when Mine(m.ExperimentId) => Update(m.Variant, v => Deleted(v, m.EndpointName, ModelOnly)),
        _ => null,
    };

    /// <summary>Notes that the user asked to cancel; returns what changed, or null when already noted.</summary>
    public string? RequestCancel()
    {
        if (CancelRequested || IsFinished)
            return null;
        CancelRequested = true;
        ChangeStage = Stage;
        return "cancel requested: stopping jobs and tearing down what exists (Ctrl+C again exits at once and may leave resources running)";
    }

    private bool Mine(Guid experimentId) => experimentId == ExperimentId;

    private ExperimentStage RunningStage()
    {
        if (Variants.Any(v => v.TornDown || v.StopRequested) || IngestionFailure is not null)
            return ExperimentStage.TearingDown;
        if (Dataset is null)
            return ExperimentStage.Ingesting;
        var going = Variants.Where(v => !v.Failed).ToList();
        if (going.Count == 0)
            return ExperimentStage.TearingDown;
        return going.Min(v => v.Status) switch
        {
            VariantStatus.Waiting or VariantStatus.Training => ExperimentStage.Training,
            VariantStatus.Trained => ExperimentStage.Deploying,
            VariantStatus.InService => ExperimentStage.Evaluating,
            _ => ExperimentStage.TearingDown,
        };
    }

    private string? Finish(object outcome, string change)
    {
        if (IsFinished)
            return null;
        Outcome = outcome;
        return change;
    }

    private string? Ingested(IngestedDataset dataset)
    {
        if (Dataset is not null)
            return null;
        Dataset = dataset;
        if (dataset.Prepared || dataset.Counts is null)
            return "dataset ready (prepared earlier)";
        var c = dataset.Counts;
        var ready = dataset.Reused ? $"dataset {dataset.Digest} already prepared: ingestion skipped" : "dataset ready";
        return string.Create(CultureInfo.InvariantCulture,
            $"{ready}: {c.RowsRead:N0} rows read, {c.RowsKept:N0} kept; {c.TrainRows:N0} train, {c.ValidationRows:N0} validation, {c.TestRows:N0} test");
    }

    private string? IngestionFailed(string reason)
    {
        if (IngestionFailure is not null)
            return null;
        IngestionFailure = reason;
        return $"ingestion failed: {reason}";
    }

    private string? Update(string variant, Func<VariantProgress, string?> change) =>
        _variants.TryGetValue(variant, out var progress) && change(progress) is { } text ? $"{variant}: {text}" : null;

    private static bool MoveTo(VariantProgress variant, VariantStatus status)
    {
        if (variant.Failed || variant.Status >= status)
            return false;
        variant.Status = status;
        return true;
    }

    private static string? TrainingStarted(VariantProgress variant, string jobName)
    {
        variant.TrainingJobName ??= jobName;
        return MoveTo(variant, VariantStatus.Training) ? $"training job {jobName} started" : null;
    }

    private static string? StatusChanged(VariantProgress variant, TrainingJobStatusChanged message)
    {
        variant.TrainingJobName ??= message.TrainingJobName;
        MoveTo(variant, VariantStatus.Training);
        if (variant.Failed || variant.Status != VariantStatus.Training || variant.SecondaryStatus == message.SecondaryStatus)
            return null;
        variant.SecondaryStatus = message.SecondaryStatus;
        return $"training job {message.TrainingJobName}: {message.SecondaryStatus}";
    }

    /// <summary>" (queued behind replicated ...)" for a job still Starting; " (sharded is queued behind it ...)" for one past it.</summary>
    private string QueueNote(VariantProgress variant)
    {
        if (QueuedBehind(variant) is { } other)
            return $" (queued behind {other.Name}; {OneJobAtATime})";
        var waiting = Variants.Where(w => QueuedBehind(w) == variant).Select(w => w.Name).ToList();
        return waiting.Count == 0 ? "" : $" ({string.Join(", ", waiting)} {(waiting.Count == 1 ? "is" : "are")} queued behind it; {OneJobAtATime})";
    }

    private static string? Trained(VariantProgress variant, TrainingJobCompleted message)
    {
        if (!MoveTo(variant, VariantStatus.Trained))
            return null;
        variant.TrainingJobName = message.TrainingJobName;
        variant.Training = message;
        return string.Create(CultureInfo.InvariantCulture,
            $"trained: log span {message.LogSpanSeconds:0.0} s, TrainingTimeInSeconds {message.TrainingTimeInSeconds}, billed {(long)message.BillableTimeInSeconds * message.InstanceCount} s");
    }

    private static string? InService(VariantProgress variant, string endpointName)
    {
        if (!MoveTo(variant, VariantStatus.InService))
            return null;
        variant.EndpointName = endpointName;
        return $"endpoint {endpointName} in service";
    }

    private static string? ModelCreated(VariantProgress variant, string modelName)
    {
        if (!MoveTo(variant, VariantStatus.InService))
            return null;
        variant.ModelName = modelName;
        return $"model {modelName} created, scoring it with a batch transform job";
    }

    private static string? Evaluated(VariantProgress variant, EvaluationMetrics metrics)
    {
        if (!MoveTo(variant, VariantStatus.Evaluated))
            return null;
        variant.Metrics = metrics;
        return string.Create(CultureInfo.InvariantCulture, $"evaluated on {metrics.Rows:N0} rows: MSE {metrics.Mse:0.####}");
    }

    private static string? Fail(VariantProgress variant, string stage, string reason)
    {
        if (variant.Failed)
            return null;
        variant.FailedIn = stage;
        variant.FailureReason = reason;
        return $"failed in {stage}: {reason}";
    }

    private static string? StopRequested(VariantProgress variant, string jobName)
    {
        if (variant.StopRequested)
            return null;
        variant.StopRequested = true;
        return $"stop of training job {jobName} requested";
    }

    /// <param name="modelOnly">There was no endpoint: the deployment was the model, named as the endpoint would be.</param>
    private static string? Deleted(VariantProgress variant, string endpointName, bool modelOnly)
    {
        if (variant.TornDown)
            return null;
        variant.TornDown = true;
        if (modelOnly)
            return $"model {variant.ModelName ?? endpointName} deleted";
        variant.EndpointName ??= endpointName;
        return $"endpoint {endpointName} deleted";
    }
}
