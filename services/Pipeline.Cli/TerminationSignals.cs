using System.Runtime.InteropServices;

namespace Pipeline.Cli;

/// <summary>
/// The process's stop signals. The first SIGINT (Ctrl+C, or <c>kill -INT</c>) or SIGTERM (<c>kill</c>, <c>timeout</c>,
/// systemd, <c>docker stop</c>) asks the running command to stop cleanly: its token is cancelled, and the exit code
/// becomes the shell's for that signal (130 or 143). A second one, or SIGQUIT, ends the process at once.
/// </summary>
/// <remarks>
/// Every web host in the process (the embedded LocalSageMaker and its endpoints) registers the same signals to stop
/// itself and swallows them, so the runtime's default (end the process) never comes: the second signal has to end
/// the process here.
/// </remarks>
public sealed class TerminationSignals : IDisposable
{
    private const int SIGINT = 2;

    private readonly CancellationTokenSource _first = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _firstSignal;

    public TerminationSignals()
    {
        HeedIgnoredInterrupt();
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnStop),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnStop),
            PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnQuit),
        ];
    }

    /// <summary>Cancelled by the first SIGINT or SIGTERM.</summary>
    public CancellationToken FirstSignal => _first.Token;

    /// <summary>The command's exit code, with "cancelled" told apart by the signal that cancelled it.</summary>
    public int ExitCodeFor(int commandExitCode) =>
        commandExitCode == ExitCodes.Cancelled && _firstSignal != 0 ? ExitCodes.ForSignal((PosixSignal)_firstSignal) : commandExitCode;

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
        _first.Dispose();
    }

    private void OnStop(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.CompareExchange(ref _firstSignal, (int)context.Signal, 0) == 0)
        {
            _first.Cancel();
            return;
        }

        Console.Error.WriteLine($"{context.Signal} again: exiting now, without waiting for the teardown (check for resources left running).");
        ExitNow(ExitCodes.ForSignal(context.Signal));
    }

    private static void OnQuit(PosixSignalContext context)
    {
        context.Cancel = true;
        Console.Error.WriteLine("SIGQUIT: exiting now, nothing torn down.");
        ExitNow(ExitCodes.ForSignal(context.Signal));
    }

    /// <summary>
    /// A shell starts a background command (`pipeline run &amp;` in a script) with SIGINT ignored, and the runtime
    /// leaves an ignored SIGINT alone, so `kill -INT` would do nothing. Restored to the default before registering,
    /// it cancels the experiment as Ctrl+C does.
    /// </summary>
    private static void HeedIgnoredInterrupt()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
            _ = SetSignalHandler(SIGINT, IntPtr.Zero);
    }

    [DllImport("libc", EntryPoint = "signal")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern IntPtr SetSignalHandler(int signal, IntPtr handler);

    private static void ExitNow(int exitCode)
    {
        Console.Out.Flush();
        Console.Error.Flush();
        Environment.Exit(exitCode);
    }
}
