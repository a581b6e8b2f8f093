using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Pipeline.Cli.Checks;

/// <summary>The settings named by an exception thrown while the hosts start, when it is about settings at all.</summary>
internal static partial class ConfigurationProblems
{
    /// <returns>One line per invalid setting, or null when <paramref name="e"/> is not about configuration.</returns>
    public static IReadOnlyList<string>? Of(Exception e) => e switch
    {
        OptionsValidationException invalid => invalid.Failures.Select(Unwrapped).ToList(),
        // The configuration binder: "Failed to convert configuration value 'Bogus' at 'Storage:Kind' to type '...StorageKind'."
        InvalidOperationException when NotConvertible().Match(e.Message) is { Success: true } m =>
            [$"{m.Groups["path"].Value}: '{m.Groups["value"].Value}' is not a valid {TypeName(m.Groups["type"].Value)}."],
        AggregateException { InnerExceptions: var inner } => inner.Select(Of).OfType<IReadOnlyList<string>>().SelectMany(p => p).ToList() is { Count: > 0 } all ? all : null,
        _ => null,
    };

    /// <summary>"DataAnnotation validation failed for 'XOptions' members: 'Y' with the error: 'X:Y must be 1-64.'." is "X:Y must be 1-64."</summary>
    private static string Unwrapped(string failure) =>
        DataAnnotationFailure().Match(failure) is { Success: true } m ? m.Groups["error"].Value : failure;

    /// <summary>System.Nullable`1[Pipeline.Storage.StorageKind] is a StorageKind; System.TimeSpan a TimeSpan.</summary>
    private static string TypeName(string type)
    {
        var inner = type.Contains('[', StringComparison.Ordinal) ? type[(type.LastIndexOf('[') + 1)..].TrimEnd(']') : type;
        var name = inner[(inner.LastIndexOf('.') + 1)..];
        var loaded = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(inner)).FirstOrDefault(t => t is not null);
        if (loaded is { IsEnum: true })
            return $"{name} (one of {string.Join(", ", Enum.GetNames(loaded))})";
        return name switch
        {
            "Int32" or "Int64" => "whole number",
            "Boolean" => "true or false",
            "TimeSpan" => "time span such as 00:00:30",
            _ => name,
        };
    }

    [GeneratedRegex("^DataAnnotation validation failed for .* with the error: '(?<error>.*)'\\.$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();

    [GeneratedRegex("configuration value '(?<value>.*)' at '(?<path>[^']*)' to type '(?<type>[^']*)'", RegexOptions.Singleline)]
    private static partial Regex NotConvertible();
}
