using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Pipeline.Benchmarks;

/// <summary>
/// reference_xgboost.py running beside the benchmark with Debian's python3: python3-xgboost scoring the same body
/// with the same model file, one thread, on the benchmark's CPU. Its ways of scoring are timed in stretches the
/// benchmark asks for, in between its own.
/// </summary>
internal sealed class XGBoostReference : IAsyncDisposable
{
    public const string Modules = "xgboost, pandas, numpy";
    public const string Requirements = "apt-get install -y python3-xgboost python3-pandas";

    private readonly Process _python;
    private readonly StringBuilder _errors = new();

    private XGBoostReference(Process python) => _python = python;

    /// <summary>The ways of scoring, in the script's order; each one's predictions are in <c>&lt;output&gt;/&lt;way&gt;.f32</c>.</summary>
    public IReadOnlyList<string> Ways { get; private set; } = [];

    /// <summary>What the script runs on: its CPUs and library versions.</summary>
    public string Setting { get; private set; } = "";

    /// <summary>The CPUs python3 may run on (its inherited affinity).</summary>
    public IReadOnlyList<int> Cpus { get; private set; } = [];

    public static string Script => NotebookReference.BenchmarkScript("reference_xgboost.py");

    /// <summary>Starts the script and waits until every way has scored the body once.</summary>
    public static async Task<XGBoostReference> StartAsync(string model, string body, string output)
    {
        var start = new ProcessStartInfo(DebianPython.Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { Script, model, body, output })
            start.ArgumentList.Add(argument);
        var reference = new XGBoostReference(Process.Start(start) ?? throw new InvalidOperationException($"Could not start {DebianPython.Path}."));
        reference._python.ErrorDataReceived += (_, e) =>
        {
            lock (reference._errors)
                reference._errors.AppendLine(e.Data);
        };
        reference._python.BeginErrorReadLine();
        try
        {
            using var ready = await reference.AnswerAsync();
            var root = ready.RootElement;
            reference.Ways = [.. root.GetProperty("ways").EnumerateArray().Select(w => w.GetString()!)];
            reference.Cpus = [.. root.GetProperty("cpus").EnumerateArray().Select(c => c.GetInt32())];
            reference.Setting = string.Create(CultureInfo.InvariantCulture,
                $"xgboost {root.GetProperty("xgboost").GetString()}, pandas {root.GetProperty("pandas").GetString()}, numpy {root.GetProperty("numpy").GetString()}");
            return reference;
        }
        catch
        {
            await reference.DisposeAsync();
            throw;
        }
    }

    /// <summary>Times <paramref name="way"/> body after body for <paramref name="seconds"/> and adds the stretch to <paramref name="run"/>.</summary>
    public async Task ContinueAsync(string way, double seconds, ScoringRun run)
    {
        await _python.StandardInput.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{way} {seconds:R}"));
        await _python.StandardInput.FlushAsync();
        using var stretch = await AnswerAsync();
        var root = stretch.RootElement;
        run.Add(root.GetProperty("rows").GetInt64(), root.GetProperty("bodies").GetInt32(), root.GetProperty("seconds").GetDouble());
    }

    public async ValueTask DisposeAsync()
    {
        _python.StandardInput.Close();
        await _python.WaitForExitAsync();
        _python.Dispose();
    }

    // XGBoost writes its warnings to standard output: the answers are the lines that are JSON objects.
    private async Task<JsonDocument> AnswerAsync()
    {
        while (await _python.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith('{'))
                return JsonDocument.Parse(line);
            Console.WriteLine($"  python3: {line}");
        }

        await _python.WaitForExitAsync();
        string errors;
        lock (_errors)
            errors = _errors.ToString().Trim();
        throw new InvalidOperationException($"{Path.GetFileName(Script)} ended (exit code {_python.ExitCode}):\n{errors}");
    }
}
