namespace Pipeline.Cli.Progress;

/// <summary>Where an experiment is, as far as its published events tell.</summary>
public enum ExperimentStage
{
    Ingesting,
    Training,
    Deploying,
    Evaluating,
    TearingDown,
    Completed,
    Failed,
    Cancelled,
    Rejected,
}

/// <summary>How far one variant got; a variant only moves forward.</summary>
public enum VariantStatus
{
    Waiting,
    Training,
    Trained,
    InService,
    Evaluated,
}
