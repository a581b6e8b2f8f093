using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Pipeline.Cli.Distributed;

/// <summary>
/// A process `pipeline up` started: its stdout and stderr go to a log file of its own, and its first lines can be
/// awaited (the address a server prints, a host's "Application started").
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int SIGTERM = 15;

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _gate = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _waiters = [];
    private readonly List<string> _firstLines = [];
    private const int FirstLinesKept = 500;

    private ChildProcess(string name, Process process, StreamWriter log)
    {
        Name = name;
        _process = process;
        _log = log;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string LogFile { get; private init; } = "";

    /// <summary>Starts <paramref name="executable"/> with only the given variables added to this process's environment.</summary>
    public static ChildProcess Start(string name, string executable, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment, string workingFolder, string logFolder)
    {
        var info = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The children read no input: keystrokes in the terminal of `up` are not theirs.
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment)
            info.Environment[key] = value;

        var logFile = Path.Combine(logFolder, $"{name}.log");
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        var child = new ChildProcess(name, process, log) { LogFile = logFile };
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        try
        {
            process.Start();
        }
        catch
        {
            log.Dispose();
            process.Dispose();
            throw;
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The first line <paramref name="match"/> accepts (among the first lines already printed too); fails when the process ends first or time runs out.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_firstLines.FirstOrDefault(match) is { } already)
                return already;
            _waiters.Add((match, seen));
        }

        var exited = _process.WaitForExitAsync(cancellationToken);
        var finished = await Task.WhenAny(seen.Task, exited, Task.Delay(timeout, cancellationToken));
        if (finished == seen.Task)
            return await seen.Task;
        cancellationToken.ThrowIfCancellationRequested();
        var why = _process.HasExited ? $"exited with code {_process.ExitCode}" : $"did not get ready within {timeout.TotalSeconds:0} s";
        throw new ChildProcessException($"{Name} {why}; its log: {LogFile}{Environment.NewLine}{Tail()}");
    }

    /// <summary>Asks it to stop (SIGTERM), waits up to <paramref name="grace"/>, then kills it and anything it started.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
            return;
        if (OperatingSystem.IsWindows())
            _process.Kill(entireProcessTree: true);
        else
            _ = SendSignal(_process.Id, SIGTERM);

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>SIGKILL: it ends at once, in the middle of whatever it was doing.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited)
            return;
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    /// <summary>The last lines of its log, for an error message.</summary>
    public string Tail(int lines = 15)
    {
        lock (_gate)
        {
            _log.Flush();
        }

        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return string.Join(Environment.NewLine, all.TakeLast(lines).Select(l => "    " + l.TrimEnd('\r')));
        }
        catch (IOException)
        {
            return "";
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
            return;
        lock (_gate)
        {
            _log.WriteLine(line);
            if (_firstLines.Count < FirstLinesKept)
                _firstLines.Add(line);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (!_waiters[i].Match(line))
                    continue;
                _waiters[i].Seen.TrySetResult(line);
                _waiters.RemoveAt(i);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        lock (_gate)
            _log.Dispose();
        _process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SendSignal(int pid, int signal);
}

public sealed class ChildProcessException(string message) : Exception(message);
