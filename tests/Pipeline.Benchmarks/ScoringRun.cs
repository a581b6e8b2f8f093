using System.Diagnostics;

namespace Pipeline.Benchmarks;

/// <summary>Requests made one after another (after a warm-up), possibly in several stretches: how many, the rows they scored, the time.</summary>
internal sealed class ScoringRun
{
    public long Rows { get; private set; }
    public int Requests { get; private set; }
    public double Seconds { get; private set; }

    public double RowsPerSecond => Rows / Seconds;

    public double Bytes(long bodyBytes) => (double)bodyBytes * Requests;

    /// <param name="request">One request; returns the rows it scored.</param>
    public static ScoringRun Measure(double seconds, Func<int> request)
    {
        request(); // warm-up
        var run = new ScoringRun();
        run.Continue(seconds, request);
        return run;
    }

    /// <param name="request">One request; returns the rows it scored.</param>
    public static async Task<ScoringRun> MeasureAsync(double seconds, Func<Task<int>> request)
    {
        for (var i = 0; i < 3; i++)
            await request(); // warm-up (JIT, connections)
        var run = new ScoringRun();
        await run.ContinueAsync(seconds, request);
        return run;
    }

    /// <summary>Adds a stretch of requests made for <paramref name="seconds"/>.</summary>
    public void Continue(double seconds, Func<int> request)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            Rows += request();
            Requests++;
        }

        Seconds += clock.Elapsed.TotalSeconds;
    }

    /// <summary>Adds a stretch of requests made for <paramref name="seconds"/>.</summary>
    public async Task ContinueAsync(double seconds, Func<Task<int>> request)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            Rows += await request();
            Requests++;
        }

        Seconds += clock.Elapsed.TotalSeconds;
    }

    /// <summary>Adds a stretch measured elsewhere (the reference's, timed in its own process).</summary>
    public void Add(long rows, int requests, double seconds)
    {
        Rows += rows;
        Requests += requests;
        Seconds += seconds;
    }
}
