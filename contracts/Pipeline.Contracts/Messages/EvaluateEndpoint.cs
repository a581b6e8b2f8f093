namespace Pipeline.Contracts;

/// <summary>
/// Score the held-out test set with one variant's model: against its endpoint, or with a batch transform job over the
/// model when <see cref="Method"/> is <see cref="EvaluationMethods.BatchTransform"/>.
/// </summary>
public sealed record EvaluateEndpoint
{
    public required Guid ExperimentId { get; init; }
    public required string Variant { get; init; }
    public required string EndpointName { get; init; }
    public required string TestObject { get; init; }

    /// <summary>
    /// The experiment's <see cref="EvaluationSpec.Method"/>: BatchTransform makes the Evaluator run a transform job (there
    /// is no endpoint); Endpoint or null leaves the choice to the Evaluator's own setting, Evaluator:Mode.
    /// </summary>
    public string? Method { get; init; }

    /// <summary>The transform job's instances; null leaves them to the Evaluator's settings.</summary>
    public string? TransformInstanceType { get; init; }

    public int? TransformInstanceCount { get; init; }
}
