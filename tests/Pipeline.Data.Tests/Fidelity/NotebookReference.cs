using System.Diagnostics;
using System.Text.Json;
using Pipeline.Testing;

namespace Pipeline.Data.Tests.Fidelity;

/// <summary>
/// Runs the seed notebook's pandas code (notebook_transform.py, with Debian's python3-pandas, which tests/run installs)
/// on a GDELT file and reads back what it produced.
/// </summary>
internal sealed class NotebookReference
{
    /// <summary>Debian's interpreter, where apt puts python3-pandas (and numpy with it).</summary>
    internal const string Python = "/usr/bin/python3";

    public required int[] Vocabulary { get; init; }
    public required int[] EdgeCounts { get; init; }
    public required Dictionary<int, long> Counts { get; init; }
    public required long MissingCoordinates { get; init; }
    public required float[] Train { get; init; }
    public required float[] Validation { get; init; }

    /// <summary>Whether the 20th and 21st most frequent codes tie, so pandas' unstable sort may pick either.</summary>
    public bool TiedAtTheEdge => EdgeCounts.Length == 2 && EdgeCounts[0] == EdgeCounts[1];

    public static async Task<NotebookReference> RunAsync(string gdeltFile, int seed)
    {
        var script = Path.Combine(SharedData.RepositoryRoot, "tests", "Pipeline.Data.Tests", "Fidelity", "notebook_transform.py");
        var prefix = Path.Combine(Path.GetTempPath(), $"notebook-{Guid.NewGuid():N}");
        try
        {
            using var python = Process.Start(new ProcessStartInfo(Python)
            {
                ArgumentList = { script, gdeltFile, prefix, seed.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            }) ?? throw new InvalidOperationException($"could not start {Python}");
            var errors = python.StandardError.ReadToEndAsync();
            await python.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
            Assert.True(python.ExitCode == 0,
                $"the notebook's pandas code failed (tests/run installs Debian's python3-pandas):\n{await errors}");

            using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(prefix + ".json"));
            var root = summary.RootElement;
            return new NotebookReference
            {
                Vocabulary = root.GetProperty("vocabulary").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
                EdgeCounts = root.GetProperty("edgeCounts").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
                Counts = root.GetProperty("counts").EnumerateObject().ToDictionary(p => int.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture), p => p.Value.GetInt64()),
                MissingCoordinates = root.GetProperty("missingCoordinates").GetInt64(),
                Train = ReadFloats(prefix + ".train"),
                Validation = ReadFloats(prefix + ".validation"),
            };
        }
        finally
        {
            foreach (var suffix in new[] { ".json", ".train", ".validation" })
                File.Delete(prefix + suffix);
        }
    }

    private static float[] ReadFloats(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var floats = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, floats, 0, bytes.Length);
        return floats;
    }
}
