using System.Text.RegularExpressions;

namespace Pipeline.Contracts;

/// <summary>
/// The names of one variant's SageMaker resources, derived only from the experiment id and the variant, so
/// a redelivered command finds the resource it created before. Jobs, models, endpoint configs and endpoints
/// are separate namespaces in SageMaker, so the four share one name, as the seed notebook's models do.
/// </summary>
public sealed partial record ResourceNames(string TrainingJob, string Model, string EndpointConfig, string Endpoint)
{
    public const int MaxLength = 63;
    public const int MaxVariantNameLength = MaxLength - 33;

    public static ResourceNames For(Guid experimentId, string variant)
    {
        var name = $"{variant}-{experimentId:N}";
        if (!IsValidName(name))
            throw new ArgumentException($"Variant name '{variant}' does not give a valid SageMaker name ('{name}').", nameof(variant));
        return new ResourceNames(name, name, name, name);
    }

    /// <summary>SageMaker's pattern for job, model and endpoint names: [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}.</summary>
    public static bool IsValidName(string name) => name.Length <= MaxLength && SageMakerName().IsMatch(name);

    /// <summary>A variant name: lower-case letters, digits and single hyphens, starting with a letter.</summary>
    public static bool IsValidVariantName(string name) =>
        name.Length is > 0 and <= MaxVariantNameLength && VariantName().IsMatch(name);

    [GeneratedRegex("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$")]
    private static partial Regex SageMakerName();

    [GeneratedRegex("^[a-z](-?[a-z0-9])*$")]
    private static partial Regex VariantName();
}
