namespace Pipeline.Contracts;

/// <summary>
/// The tags every SageMaker resource the pipeline creates carries besides the spec's own: which system made it, for
/// which experiment and variant. `pipeline sweep` finds leftovers by them; a spec may not use the <c>pipeline</c> keys.
/// </summary>
public static class PipelineTags
{
    /// <summary>Present on everything the pipeline creates; its value names the system.</summary>
    public const string Pipeline = "pipeline";
    public const string ExperimentId = "pipeline:experiment-id";
    public const string Variant = "pipeline:variant";
    public const string System = "data-distribution-experiments";

    /// <summary>How many of a resource's 50 tags the pipeline takes.</summary>
    public const int Count = 3;

    /// <summary>The spec's tags and the pipeline's, for one variant's resources.</summary>
    public static IReadOnlyDictionary<string, string> For(Guid experimentId, string variant, IReadOnlyDictionary<string, string>? specTags = null)
    {
        var tags = new Dictionary<string, string>(specTags ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [Pipeline] = System,
            [ExperimentId] = experimentId.ToString(),
            [Variant] = variant,
        };
        return tags;
    }

    /// <summary>A key the pipeline sets itself (and a spec may not).</summary>
    public static bool IsReserved(string key) =>
        key == Pipeline || key.StartsWith(Pipeline + ":", StringComparison.Ordinal);
}
