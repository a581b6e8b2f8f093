namespace Pipeline.Cli.Progress;

/// <summary>
/// How long the experiment spent in each stage, as this process saw the events arrive: each stage runs from the
/// first moment it was the current one to the moment the next one was.
/// </summary>
public sealed class StageTimes
{
    private readonly List<(ExperimentStage Stage, DateTimeOffset Start)> _entered = [];
    private DateTimeOffset? _end;

    /// <summary>Notes the current stage at <paramref name="now"/>; the same stage again changes nothing.</summary>
    public void Observe(ExperimentStage stage, DateTimeOffset now)
    {
        if (_end is not null || (_entered.Count > 0 && _entered[^1].Stage == stage))
            return;
        if (stage is ExperimentStage.Completed or ExperimentStage.Failed or ExperimentStage.Cancelled or ExperimentStage.Rejected)
            _end = now;
        else
            _entered.Add((stage, now));
    }

    /// <summary>
    /// Each stage passed through, in the order first entered, with its time (summed should a stage come back); the
    /// stage still running is left out.
    /// </summary>
    public IReadOnlyList<(ExperimentStage Stage, TimeSpan Duration)> Durations
    {
        get
        {
            var durations = new List<(ExperimentStage Stage, TimeSpan Duration)>();
            for (var i = 0; i < _entered.Count; i++)
            {
                var end = i + 1 < _entered.Count ? _entered[i + 1].Start : _end;
                if (end is null)
                    break;
                var spent = end.Value - _entered[i].Start;
                var at = durations.FindIndex(d => d.Stage == _entered[i].Stage);
                if (at < 0)
                    durations.Add((_entered[i].Stage, spent));
                else
                    durations[at] = (durations[at].Stage, durations[at].Duration + spent);
            }

            return durations;
        }
    }

    /// <summary>From the first stage to the end; null before the experiment ended.</summary>
    public TimeSpan? Total => _end is { } end && _entered.Count > 0 ? end - _entered[0].Start : null;
}
