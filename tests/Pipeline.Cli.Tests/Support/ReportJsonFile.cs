using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Contracts;

namespace Pipeline.Cli.Tests.Support;

/// <summary>The report.json a run writes into its --out folder, read back as the contract type.</summary>
public static class ReportJsonFile
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task<ExperimentReport> ReadAsync(string outFolder) =>
        JsonSerializer.Deserialize<ExperimentReport>(await File.ReadAllTextAsync(Path.Combine(outFolder, "report.json")), Options)
        ?? throw new Xunit.Sdk.XunitException($"{outFolder}/report.json holds null");
}
