using System.Diagnostics;

namespace Pipeline.Data.IO;

/// <summary>
/// Names that carry the id of the process that made them (<c>pid&lt;id&gt;</c>), so a later process can tell what a
/// killed one left behind (its process is gone) from what a running one still uses.
/// </summary>
public static class OwnerProcess
{
    /// <summary><c>pid&lt;id&gt;</c> of this process.</summary>
    public static string Tag { get; } = $"pid{Environment.ProcessId}";

    /// <summary>Whether a process of that id runs now (this one always does). Ids get reused: pair this with an age.</summary>
    public static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
            return true;
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
