using System.Globalization;
using Pipeline.Contracts;

namespace Pipeline.Cli.Progress;

/// <summary>What the events said so far about one variant.</summary>
public sealed class VariantProgress(VariantSpec variant, int instanceCount)
{
    public string Name { get; } = variant.Name;
    public string TrainDistribution { get; } = variant.TrainDistribution;
    public int InstanceCount { get; } = instanceCount;

    public VariantStatus Status { get; internal set; }
    public string? TrainingJobName { get; internal set; }
    public string? SecondaryStatus { get; internal set; }
    public TrainingJobCompleted? Training { get; internal set; }
    public string? EndpointName { get; internal set; }

    /// <summary>The model a batch transform scores (evaluation by batch transform, which makes no endpoint).</summary>
    public string? ModelName { get; internal set; }
    public EvaluationMetrics? Metrics { get; internal set; }

    /// <summary>The stage the variant failed in, when it failed.</summary>
    public string? FailedIn { get; internal set; }
    public string? FailureReason { get; internal set; }
    public bool StopRequested { get; internal set; }
    public bool TornDown { get; internal set; }

    public bool Failed => FailedIn is not null;

    /// <summary>One short phrase for the progress table.</summary>
    public string Describe()
    {
        var text = Failed ? $"failed in {FailedIn}: {FailureReason}"
            : Status switch
            {
                VariantStatus.Waiting => "waiting",
                VariantStatus.Training => SecondaryStatus is null ? "training" : $"training ({SecondaryStatus})",
                VariantStatus.Trained => string.Create(CultureInfo.InvariantCulture, $"trained in {Training!.LogSpanSeconds:0.0} s, deploying"),
                VariantStatus.InService => ModelName is null ? "endpoint in service, evaluating" : "model created, batch transform",
                VariantStatus.Evaluated => string.Create(CultureInfo.InvariantCulture, $"evaluated, MSE {Metrics!.Mse:0.####}"),
                _ => Status.ToString(),
            };
        if (StopRequested)
            text += ", stop requested";
        if (TornDown)
            text += ", torn down";
        return text;
    }
}
