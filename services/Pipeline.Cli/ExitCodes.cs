using Pipeline.Contracts;

namespace Pipeline.Cli;

public static class ExitCodes
{
    public const int Completed = 0;
    public const int Failed = 1;
    public const int InvalidSpec = 2;
    public const int MissingParts = 3;
    public const int InvalidConfiguration = 4;

    /// <summary>The shell's code for "ended by Ctrl+C".</summary>
    public const int Cancelled = 130;

    public const string Help =
        "Exit codes: 0 completed, 1 failed, 2 invalid or rejected spec, 3 parts not built yet, 4 invalid configuration, 130 cancelled.";

    public static int For(object? outcome) => outcome switch
    {
        ExperimentCompleted => Completed,
        ExperimentRejected => InvalidSpec,
        ExperimentCancelled => Cancelled,
        _ => Failed,
    };
}
