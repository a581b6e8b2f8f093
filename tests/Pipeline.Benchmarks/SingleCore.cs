using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Pipeline.Benchmarks;

/// <summary>
/// Pins every thread of this process to one CPU. Process.ProcessorAffinity alone is not enough on Linux: it calls
/// sched_setaffinity for the process id, which moves only the main thread, so each thread in /proc/self/task is
/// pinned here. Threads started later (the thread pool's, the GC's, a child python3) inherit the mask.
/// </summary>
internal static partial class SingleCore
{
    /// <summary>The CPU every thread was pinned to on Linux; null before <see cref="Pin"/> and elsewhere.</summary>
    public static int? Cpu { get; private set; }

    /// <summary>What was done, for the report.</summary>
    public static string Pin()
    {
        if (OperatingSystem.IsWindows())
        {
            // Windows applies a process's affinity to all its threads.
            using var process = Process.GetCurrentProcess();
            var allowed = (long)process.ProcessorAffinity;
            process.ProcessorAffinity = (nint)(allowed & -allowed);
            return $"ProcessorAffinity 0x{allowed & -allowed:x}";
        }

        if (!OperatingSystem.IsLinux())
            return "not pinned (only Linux and Windows can pin); the work is sequential";

        var mask = CurrentMask();
        var cpu = BitOperations.TrailingZeroCount(mask);
        var one = 1UL << cpu;
        var threads = 0;
        // Twice, for any thread that was being created during the first round.
        for (var round = 0; round < 2; round++)
        {
            threads = 0;
            foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                var tid = int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture);
                if (SchedSetAffinity(tid, sizeof(ulong), ref one) != 0 && Directory.Exists(task))
                    throw new InvalidOperationException($"sched_setaffinity({tid}) failed: errno {Marshal.GetLastPInvokeError()}.");
                threads++;
            }
        }

        Cpu = cpu;
        return $"CPU {cpu}: sched_setaffinity on all {threads} threads; later threads and the reference's python3 inherit it";
    }

    private static ulong CurrentMask()
    {
        ulong mask = 0;
        if (SchedGetAffinity(0, sizeof(ulong), ref mask) != 0 || mask == 0)
            throw new InvalidOperationException($"sched_getaffinity failed: errno {Marshal.GetLastPInvokeError()}.");
        return mask;
    }

    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static partial int SchedSetAffinity(int pid, nint cpuSetSize, ref ulong mask);

    [LibraryImport("libc", EntryPoint = "sched_getaffinity", SetLastError = true)]
    private static partial int SchedGetAffinity(int pid, nint cpuSetSize, ref ulong mask);
}
