using System.Globalization;
using System.Text.RegularExpressions;
using Pipeline.Aws;

namespace Pipeline.LocalSageMaker;

/// <summary>
/// What the SageMaker requests' checks share: the rule for resource names and the one ValidationException that lists
/// every problem found ("2 validation errors detected: Value ... at 'member' failed to satisfy constraint: ...; ...").
/// </summary>
internal static partial class ConstraintProblems
{
    public const string NamePatternText = "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}";

    /// <summary>A job, model, endpoint or variant name: present, at most 63 characters, letters and digits with inner hyphens.</summary>
    public static void Name(List<string> problems, string? name, string member)
    {
        if (name is null)
        {
            problems.Add($"Value null at '{member}' failed to satisfy constraint: Member must not be null");
            return;
        }

        if (name.Length > 63)
            problems.Add($"Value '{name}' at '{member}' failed to satisfy constraint: Member must have length less than or equal to 63");
        if (!NamePattern().IsMatch(name))
            problems.Add($"Value '{name}' at '{member}' failed to satisfy constraint: Member must satisfy regular expression pattern: {NamePatternText}");
    }

    /// <summary>
    /// An s3:// URI with a '.' or '..' path segment: in a local-folder object store it would reach outside the bucket's
    /// folder, so it is refused when the request arrives, not when the job writes.
    /// </summary>
    public static void NoDotSegments(List<string> problems, string uri, string member)
    {
        if (uri.StartsWith("s3://", StringComparison.Ordinal) && uri["s3://".Length..].Split('/', '\\').Any(segment => segment is "." or ".."))
            problems.Add($"Value '{(uri.Length <= 100 ? uri : uri[..100] + "...")}' at '{member}' failed to satisfy constraint: Member must not hold '.' or '..' path segments");
    }

    /// <exception cref="ValidationException">There is at least one problem; the message lists them all.</exception>
    public static void ThrowIfAny(List<string> problems)
    {
        if (problems.Count > 0)
            throw new ValidationException(Message(problems));
    }

    /// <summary>The message of a ValidationException listing <paramref name="problems"/>, worded as SageMaker words it.</summary>
    public static string Message(IReadOnlyList<string> problems) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{problems.Count} validation error{(problems.Count == 1 ? "" : "s")} detected: {string.Join("; ", problems)}");

    [GeneratedRegex("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$")]
    public static partial Regex NamePattern();
}
