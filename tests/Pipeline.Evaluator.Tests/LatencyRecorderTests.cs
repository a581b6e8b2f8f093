using System.Diagnostics;

namespace Pipeline.Evaluator.Tests;

public sealed class LatencyRecorderTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 7)]
    [InlineData(3, 20)]
    [InlineData(4, 100)]
    [InlineData(5, 1013)]
    public void Percentiles_are_the_nearest_rank_of_the_recorded_round_trips(int seed, int calls)
    {
        var random = new Random(seed);
        var durations = Enumerable.Range(0, calls).Select(_ => (long)random.Next(1, 5_000_000)).ToArray();
        var recorder = new LatencyRecorder();
        var clock = 1_000_000_000L;
        foreach (var duration in durations)
        {
            recorder.Record(clock, clock + duration);
            clock += duration + random.Next(1000);
        }

        var latency = recorder.ToLatency();

        // Nearest rank, from its definition: the ceil(p/100 * n)-th smallest, counted in exact decimal arithmetic.
        var sorted = durations.Order().ToArray();
        double Expected(int percent) => sorted[(int)Math.Ceiling(percent / 100m * calls) - 1] * 1000.0 / Stopwatch.Frequency;
        Assert.NotNull(latency);
        Assert.Equal(Expected(50), latency.P50Ms, 1e-9);
        Assert.Equal(Expected(95), latency.P95Ms, 1e-9);
        Assert.Equal(Expected(99), latency.P99Ms, 1e-9);
    }

    [Fact]
    public void Twenty_calls_give_the_10th_19th_and_20th_smallest()
    {
        // 1..20 ms in shuffled order: p50 is the 10th (10 ms), p95 the 19th, p99 the 20th; no interpolation.
        var recorder = new LatencyRecorder();
        foreach (var ms in new[] { 7, 3, 20, 1, 15, 9, 12, 18, 2, 5, 11, 19, 4, 14, 6, 17, 8, 16, 10, 13 })
            recorder.Record(0, ms * Stopwatch.Frequency / 1000);

        var latency = recorder.ToLatency()!;

        Assert.Equal(10, latency.P50Ms, 1e-6);
        Assert.Equal(19, latency.P95Ms, 1e-6);
        Assert.Equal(20, latency.P99Ms, 1e-6);
    }

    [Fact]
    public void Nothing_recorded_gives_no_latency() => Assert.Null(new LatencyRecorder().ToLatency());

    [Fact]
    public void Records_every_call_from_many_threads()
    {
        var recorder = new LatencyRecorder();

        Parallel.For(0, 10_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => recorder.Record(0, i + 1));

        Assert.Equal(10_000, recorder.Count);
        // The largest of 1..10000 ticks is the 100th percentile; the 99th is the 9900th smallest.
        Assert.Equal(9_900 * 1000.0 / Stopwatch.Frequency, recorder.ToLatency()!.P99Ms, 1e-12);
    }
}
