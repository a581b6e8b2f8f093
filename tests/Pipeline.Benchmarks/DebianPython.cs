using System.Diagnostics;
using System.Text.Json;

namespace Pipeline.Benchmarks;

/// <summary>Debian's python3, where apt puts the references' libraries (pandas, protobuf, scikit-learn).</summary>
internal static class DebianPython
{
    public const string Path = "/usr/bin/python3";

    /// <summary>Null when python3 imports <paramref name="modules"/>; otherwise what is missing, with <paramref name="install"/>.</summary>
    public static string? Lacks(string modules, string install)
    {
        if (!File.Exists(Path))
            return $"{Path} is missing.";
        using var probe = Process.Start(new ProcessStartInfo(Path, ["-c", $"import {modules}"]) { RedirectStandardError = true })!;
        var errors = probe.StandardError.ReadToEnd();
        probe.WaitForExit();
        return probe.ExitCode == 0 ? null : $"{Path} cannot import {modules} ({install}):\n{errors.Trim()}";
    }

    /// <summary>Runs a script and parses the JSON it prints; a non-zero exit is an error carrying its stderr.</summary>
    public static async Task<JsonDocument> RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var python = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Path}.");
        var output = python.StandardOutput.ReadToEndAsync();
        var errors = python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        if (python.ExitCode != 0)
            throw new InvalidOperationException($"{System.IO.Path.GetFileName(script)} failed (exit code {python.ExitCode}):\n{await errors}");
        return JsonDocument.Parse(await output);
    }
}
