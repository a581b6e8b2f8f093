using System.ComponentModel;
using System.Diagnostics;

namespace Pipeline.LocalSageMaker.Tests.Server;

/// <summary>
/// Runs a Python script of this test project (copied to the output folder) with boto3 pointed at a LocalSageMaker:
/// the endpoint variables a user would set, dummy credentials, and no shared AWS config or credentials files that
/// could redirect it. A missing python3 or boto3 fails the test; it never skips it.
/// </summary>
public static class Boto3Script
{
    private static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(60);

    /// <param name="script">A script's file name in Server/, or its path under the test assembly's folder.</param>
    /// <param name="credentials">The key pair boto3 signs with; test/test unless given.</param>
    /// <param name="environment">More variables (e.g. AWS_ENDPOINT_URL_S3 for an S3 elsewhere); a PYTHONPATH given here is searched after Support/.</param>
    public static async Task<string> RunAsync(string script, Uri endpoint, IReadOnlyList<string>? arguments = null, TimeSpan? deadline = null,
        (string AccessKeyId, string SecretAccessKey)? credentials = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var path = script.Contains('/', StringComparison.Ordinal)
            ? Path.Combine(AppContext.BaseDirectory, script)
            : Path.Combine(AppContext.BaseDirectory, "Server", script);
        var limit = deadline ?? DefaultDeadline;
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(path);
        foreach (var argument in arguments ?? [])
            start.ArgumentList.Add(argument);
        var url = endpoint.ToString().TrimEnd('/');
        foreach (var name in (string[])["AWS_ENDPOINT_URL", "AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "AWS_REGION"])
            start.Environment.Remove(name);
        var nowhere = Path.Combine(Path.GetTempPath(), $"no-aws-config-{Guid.NewGuid():N}");
        start.Environment["AWS_CONFIG_FILE"] = nowhere;
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = nowhere;
        start.Environment["AWS_ENDPOINT_URL_SAGEMAKER"] = url;
        start.Environment["AWS_ENDPOINT_URL_CLOUDWATCH_LOGS"] = url;
        start.Environment["AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME"] = url;
        start.Environment["AWS_ENDPOINT_URL_CLOUDWATCH"] = url;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        // Support/ holds modules the scripts share (cloudwatch_clients.py).
        var shared = Path.Combine(AppContext.BaseDirectory, "Support");
        start.Environment["PYTHONPATH"] = start.Environment.TryGetValue("PYTHONPATH", out var pythonPath) && !string.IsNullOrEmpty(pythonPath)
            ? shared + Path.PathSeparator + pythonPath
            : shared;
        start.Environment["AWS_ACCESS_KEY_ID"] = credentials?.AccessKeyId ?? "test";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = credentials?.SecretAccessKey ?? "test";
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"python3 is not on PATH ({e.Message}); these tests drive LocalSageMaker with boto3: install python3 and pip install boto3.", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(limit);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{script} did not finish within {limit.TotalSeconds} s. Its errors:\n{await stderr}");
            }

            if (process.ExitCode != 0)
            {
                var errors = await stderr;
                var hint = errors.Contains("No module named 'boto3'", StringComparison.Ordinal) ? " boto3 is missing: pip install boto3." : "";
                throw new InvalidOperationException($"{script} exited with {process.ExitCode}.{hint}\n{errors}");
            }

            return await stdout;
        }
    }
}
