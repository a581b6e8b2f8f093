namespace Pipeline.Contracts;

/// <summary>
/// CreateModel, CreateEndpointConfig and CreateEndpoint for one variant, then wait for InService; with
/// <see cref="ModelOnly"/>, CreateModel alone (a batch transform job scores it), answered by <see cref="ModelCreated"/>.
/// </summary>
public sealed record DeployModel
{
    public required Guid ExperimentId { get; init; }
    public required string Variant { get; init; }
    public required string ModelName { get; init; }
    public required string EndpointConfigName { get; init; }
    public required string EndpointName { get; init; }
    public required string Image { get; init; }
    public required string ModelArtifactUri { get; init; }
    public required string RoleArn { get; init; }
    public required string InstanceType { get; init; }
    public required int InstanceCount { get; init; }
    /// <summary>Create the model and nothing else: the experiment evaluates by batch transform.</summary>
    public bool ModelOnly { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
