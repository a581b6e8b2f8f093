using System.Diagnostics;

namespace Pipeline.Containers.Tests;

/// <summary>
/// Debian's docker-compose (1.29), run on the repository's docker-compose.yml. It reads and validates the file
/// without a Docker engine. Missing, it fails the test that needs it: tests/run installs it.
/// </summary>
internal static class DockerCompose
{
    public const string Executable = "docker-compose";

    /// <summary>The variable docker-compose.yml requires (the system's secret key); these tests give it a made-up value.</summary>
    public const string SecretVariable = "PIPELINE_SECRET_ACCESS_KEY";

    public static (int ExitCode, string Output, string Error) Run(IReadOnlyList<string> arguments, bool withSecret = true)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["-f", Repository.PathOf("docker-compose.yml"), .. arguments])
            start.ArgumentList.Add(argument);
        // Only what the test says: neither a .env file's nor this machine's values of the file's variables.
        start.Environment.Remove(SecretVariable);
        start.Environment.Remove("PIPELINE_ACCESS_KEY_ID");
        if (withSecret)
            start.Environment[SecretVariable] = "made-up-for-the-test";

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"{Executable} is not installed ({e.Message}): tests/run installs it (apt-get install docker-compose).", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill();
                throw new TimeoutException($"{Executable} {string.Join(' ', arguments)} did not finish in 60 s.");
            }

            return (process.ExitCode, output.Result, error.Result);
        }
    }
}
