using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Pipeline.Health;

/// <summary>What a running service last found, as <see cref="HealthStatusFile"/> writes it and the probe reads it.</summary>
public sealed record HealthReportFile(DateTimeOffset CheckedAt, IReadOnlyList<HealthReportFile.Check> Checks)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
    };

    public sealed record Check(string Name, HealthStatus Status, string? Description, IReadOnlyList<string> Tags);

    public static HealthReportFile From(HealthReport report, DateTimeOffset checkedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new HealthReportFile(checkedAt, report.Entries
            .Select(e => new Check(e.Key, e.Value.Status, e.Value.Description ?? e.Value.Exception?.Message, e.Value.Tags.ToList()))
            .ToList());
    }

    /// <summary>Replaces the file whole (written beside it, then renamed), so a reader never sees half a report.</summary>
    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        await using (var stream = File.Create(temporary))
            await JsonSerializer.SerializeAsync(stream, this, Json, cancellationToken);
        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>The report in <paramref name="path"/>, or null when there is no such file.</summary>
    public static HealthReportFile? Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<HealthReportFile>(File.ReadAllText(path), Json);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
