namespace Pipeline.LocalSageMaker.LinearLearner;

/// <summary>How LocalSageMaker's linear learner runs (not hyperparameters: the job cannot set these).</summary>
public sealed record LinearLearnerOptions
{
    /// <summary>Hosts average their models every this many mini-batches, and at the end of every epoch.</summary>
    public int SyncEveryBatches { get; init; } = 16;

    /// <summary>Seeds the initial weights; every host uses the same, so that they start from the same models.</summary>
    public int Seed { get; init; } = 17;

    /// <summary>With use_lr_scheduler, every model's rate is multiplied by this factor <see cref="LrDecayStepsPerEpoch"/> times an epoch.</summary>
    public float LrDecayFactor { get; init; } = 0.99f;

    public int LrDecayStepsPerEpoch { get; init; } = 20;

    /// <summary>The scheduler never takes a rate below this (nor below the rate a model started with).</summary>
    public float MinimumLearningRate { get; init; } = 1e-5f;
}
