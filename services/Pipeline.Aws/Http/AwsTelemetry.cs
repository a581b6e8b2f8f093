using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;

namespace Pipeline.Aws.Http;

/// <summary>The spans of AWS calls: one per call (its retries inside it), named service.operation.</summary>
public static class AwsTelemetry
{
    public const string SourceName = "Pipeline.Aws";

    public static ActivitySource Source { get; } = new(SourceName);

    private static readonly ConcurrentDictionary<Type, PropertyInfo?> ResourceProperties = new();

    /// <summary>
    /// The resource a request names, for its span: its first string member named <c>...Name</c> or <c>...Arn</c>
    /// (TrainingJobName, EndpointName, LogGroupName, ResourceArn, ...), or null.
    /// </summary>
    public static string? ResourceOf(object? request) =>
        request is null ? null : ResourceProperties.GetOrAdd(request.GetType(), FindResourceProperty)?.GetValue(request) as string;

    private static PropertyInfo? FindResourceProperty(Type type) => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .FirstOrDefault(p => p.PropertyType == typeof(string) && p.GetIndexParameters().Length == 0
            && (p.Name.EndsWith("Name", StringComparison.Ordinal) || p.Name.EndsWith("Arn", StringComparison.Ordinal)));
}
