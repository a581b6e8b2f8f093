using System.Text.Json;
using Pipeline.Cli.Specs;
using Pipeline.Contracts;

namespace Pipeline.Cli.Output;

/// <summary>report.json: the ExperimentCompleted report as indented JSON.</summary>
public static class ReportFile
{
    public const string Name = "report.json";

    /// <returns>The path written.</returns>
    public static async Task<string> WriteAsync(string folder, ExperimentReport report)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Name);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, SpecJson.Options));
        return path;
    }
}
