using System.Diagnostics;

namespace Pipeline.Benchmarks;

/// <summary>Wall time per stage, in the order the stages ran.</summary>
internal sealed class StageClock
{
    private readonly Stopwatch _total = Stopwatch.StartNew();
    private readonly List<Stage> _stages = [];
    private TimeSpan _lapStart;

    public IReadOnlyList<Stage> Stages => _stages;

    public double TotalSeconds => _total.Elapsed.TotalSeconds;

    public void Lap(string name)
    {
        var now = _total.Elapsed;
        _stages.Add(new Stage(name, (now - _lapStart).TotalSeconds));
        _lapStart = now;
    }
}

internal sealed record Stage(string Name, double Seconds);
