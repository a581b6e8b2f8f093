namespace Pipeline.Benchmarks;

/// <summary>
/// The highest managed heap seen while it runs, sampled every few milliseconds on a thread of its own (the GC keeps no
/// peak of its own). The sampler sleeps between samples, so on one core it takes a negligible share of the time.
/// </summary>
internal sealed class ManagedHeapPeak : IDisposable
{
    private const int IntervalMilliseconds = 10;
    private readonly Thread _thread;
    private volatile bool _stopped;

    private ManagedHeapPeak()
    {
        _thread = new Thread(Sample) { IsBackground = true, Name = "managed heap sampler" };
        _thread.Start();
    }

    /// <summary>Bytes in use on the managed heap (GC.GetTotalMemory), at the highest sample.</summary>
    public long PeakAllocatedBytes { get; private set; }

    public static ManagedHeapPeak Start() => new();

    public void Dispose()
    {
        _stopped = true;
        _thread.Join();
    }

    private void Sample()
    {
        while (true)
        {
            PeakAllocatedBytes = Math.Max(PeakAllocatedBytes, GC.GetTotalMemory(forceFullCollection: false));
            if (_stopped)
                return;
            Thread.Sleep(IntervalMilliseconds);
        }
    }
}
