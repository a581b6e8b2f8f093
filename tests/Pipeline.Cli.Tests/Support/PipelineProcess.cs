using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Pipeline.Cli.Tests.Support;

/// <summary>
/// The built `pipeline` program (pipeline.dll beside the tests) run as a process of its own, in a folder of the
/// test's, so signals and exit codes are the real ones. Its output is collected line by line.
/// </summary>
public sealed class PipelineProcess : IDisposable
{
    public const int SIGINT = 2;
    public const int SIGTERM = 15;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly SemaphoreSlim _newLine = new(0);

    private PipelineProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public string Output => string.Join('\n', _lines);

    /// <param name="interruptIgnored">Start it as a shell starts a background command (`pipeline run &amp;`): with SIGINT ignored.</param>
    public static PipelineProcess Start(string workingFolder, IReadOnlyDictionary<string, string>? environment, string[] args,
        bool interruptIgnored = false)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(interruptIgnored ? "/bin/sh" : dotnet)
        {
            WorkingDirectory = workingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (interruptIgnored)
        {
            // exec: the process signalled is the program itself, with the ignored SIGINT it inherited.
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("trap '' INT; exec \"$0\" \"$@\"");
            start.ArgumentList.Add(dotnet);
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pipeline.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        // Plain progress lines, and nothing from the test host's own settings.
        start.Environment["CI"] = "true";
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;

        var process = new Process { StartInfo = start };
        var result = new PipelineProcess(process);
        process.OutputDataReceived += (_, e) => result.Add(e.Data);
        process.ErrorDataReceived += (_, e) => result.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary>Waits until a line matches; fails with everything printed so far when the process ends or time runs out.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            if (_lines.FirstOrDefault(match) is { } line)
                return line;
            if (_process.HasExited && !await _newLine.WaitAsync(TimeSpan.FromMilliseconds(200)))
                throw new Xunit.Sdk.XunitException($"pipeline exited with {_process.ExitCode} before the line was printed:\n{Output}");
            try
            {
                await _newLine.WaitAsync(TimeSpan.FromMilliseconds(500), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException($"No such line within {timeout}:\n{Output}");
            }
        }
    }

    /// <summary>The exit code, or null when the process is still running at the deadline.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>kill(2): the signal goes to this process alone, not to a process group.</summary>
    public void Signal(int signal)
    {
        if (Kill(_process.Id, signal) != 0)
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        _newLine.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
            return;
        _lines.Enqueue(line);
        _newLine.Release();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
