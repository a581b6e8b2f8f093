using System.Runtime.InteropServices;
using Pipeline.Contracts;

namespace Pipeline.Cli;

public static class ExitCodes
{
    public const int Completed = 0;
    public const int Failed = 1;

    /// <summary>An invalid or rejected spec, and any other usage error (unknown option, unreadable value).</summary>
    public const int InvalidSpec = 2;

    public const int InvalidConfiguration = 4;

    /// <summary>The shell's code for "ended by SIGINT" (Ctrl+C): 128 + 2.</summary>
    public const int Cancelled = 130;

    /// <summary>The shell's code for "ended by SIGTERM": 128 + 15.</summary>
    public const int Terminated = 143;

    public const string Help =
        "Exit codes: 0 completed, 1 failed, 2 invalid spec or usage, 4 invalid configuration or output folder, "
        + "130 cancelled by SIGINT (Ctrl+C), 143 by SIGTERM.";

    public static int For(object? outcome) => outcome switch
    {
        ExperimentCompleted => Completed,
        ExperimentRejected => InvalidSpec,
        ExperimentCancelled => Cancelled,
        _ => Failed,
    };

    public static int ForSignal(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGTERM => Terminated,
        PosixSignal.SIGQUIT => 128 + 3,
        _ => Cancelled,
    };
}
