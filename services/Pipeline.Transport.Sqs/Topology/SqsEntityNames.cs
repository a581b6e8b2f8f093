namespace Pipeline.Transport.Sqs;

/// <summary>Queue and topic names under the host's scope, and the names of a queue's error and skipped queues.</summary>
internal sealed class SqsEntityNames(SqsHostSettings settings)
{
    /// <summary>SQS and SNS both cap names at 80 characters (a FIFO name's ".fifo" included).</summary>
    public const int MaxLength = 80;

    /// <summary>Read on each use: the host's settings are filled in after the bus's topology exists.</summary>
    public string? Scope => string.IsNullOrEmpty(settings.Scope) ? null : settings.Scope;

    /// <summary>The entity's name under the scope: "{Scope}_{name}", or the name itself without a scope or when already scoped.</summary>
    public string Scoped(string name) =>
        Scope is null || name.StartsWith(Scope + "_", StringComparison.Ordinal) ? name : $"{Scope}_{name}";

    public static string Error(string queue) => queue + "_error";

    public static string Skipped(string queue) => queue + "_skipped";

    /// <summary>Letters, digits, '-' and '_' (a FIFO name may end in ".fifo"), 1 to 80 characters.</summary>
    public static bool IsValid(string name) =>
        name.Length is > 0 and <= MaxLength
        && (name.EndsWith(".fifo", StringComparison.Ordinal) ? name[..^5] : name).All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static string Checked(string name, string kind) => IsValid(name)
        ? name
        : throw new ArgumentException(
            $"The {kind} name '{name}' is not valid for SQS/SNS: 1 to {MaxLength} letters, digits, '-' or '_'.", nameof(name));
}
