using MassTransit;
using Pipeline.Contracts;

namespace Pipeline.Coordinator;

/// <summary>What the coordinator remembers of one experiment. Plain settable members so any saga store can keep it.</summary>
public sealed class ExperimentState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }
    public int Version { get; set; }
    public string CurrentState { get; set; } = "";

    public ExperimentSpec Spec { get; set; } = new();
    public IngestedDataset? Dataset { get; set; }
    public List<VariantProgress> Variants { get; set; } = [];

    public Guid? StageTimeoutTokenId { get; set; }

    /// <summary>How the experiment ends once teardown is over; set when it leaves the happy path or finishes evaluating.</summary>
    public ExperimentOutcome? Outcome { get; set; }

    /// <summary>The stage in which the experiment failed or was cancelled.</summary>
    public string? EndStage { get; set; }

    /// <summary>When the saga entered its current state (for the stage-duration metric).</summary>
    public DateTimeOffset? StageEnteredAt { get; set; }

    public string? EndReason { get; set; }

    public List<string> TornDown { get; set; } = [];
    public List<string> Remaining { get; set; } = [];

    public VariantProgress? Variant(string name) => Variants.Find(v => v.Name == name);

    public bool TeardownPending => Variants.Exists(v => v.StopPending || v.TeardownPending);
}

public enum ExperimentOutcome
{
    Completed,
    Failed,
    Cancelled,
}

/// <summary>One variant's way through the stages; each flag flips once, which is what makes redelivery harmless.</summary>
public sealed class VariantProgress
{
    public string Name { get; set; } = "";
    public string TrainDistribution { get; set; } = "";
    public int InstanceCount { get; set; }
    public ResourceNames Names { get; set; } = new("", "", "", "");

    public bool TrainingRequested { get; set; }
    public string? TrainingJobArn { get; set; }
    public string? SecondaryStatus { get; set; }
    public bool TrainingEnded { get; set; }
    public TrainingJobCompleted? Training { get; set; }

    public bool DeployRequested { get; set; }
    /// <summary>The endpoint is InService, or, evaluating by batch transform, the model is created.</summary>
    public bool InService { get; set; }

    public EvaluationMetrics? Metrics { get; set; }

    public bool StopPending { get; set; }
    public bool TeardownPending { get; set; }
}
