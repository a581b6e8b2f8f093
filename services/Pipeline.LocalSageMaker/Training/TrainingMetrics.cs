using System.Globalization;
using System.Text.RegularExpressions;
using Pipeline.Aws.SageMaker;

namespace Pipeline.LocalSageMaker.Training;

/// <summary>One value a metric definition matched in a host's log, at the time the line was logged.</summary>
public readonly record struct TrainingMetricPoint(DateTimeOffset Timestamp, string Host, double Value);

/// <summary>
/// What a training job's metric definitions find in its hosts' log lines, as SageMaker scrapes a container's output:
/// each line is tried against every definition, and a match whose first group parses as a number is a point of that
/// metric. The points are the job's CloudWatch metrics (namespace /aws/sagemaker/TrainingJobs) and the last of each is
/// its FinalMetricDataList entry. Thread-safe: hosts log concurrently.
/// </summary>
public sealed class TrainingMetrics
{
    // A definition's regex is the caller's; a pathological one must not stall a host's log.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    private readonly (string Name, Regex Pattern)[] _definitions;
    private readonly Dictionary<string, List<TrainingMetricPoint>> _points = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public TrainingMetrics(IReadOnlyList<MetricDefinition>? definitions)
    {
        _definitions = (definitions ?? [])
            .Where(d => d.Name is not null && d.Regex is not null)
            .Select(d => (d.Name!, Compile(d.Regex!)))
            .ToArray();
    }

    /// <summary>A definition's regex as every log line is matched with it; an ArgumentException when it is not one.</summary>
    public static Regex Compile(string regex) => new(regex, RegexOptions.CultureInvariant, MatchTimeout);

    /// <summary>The names of the metrics defined for the job, in definition order.</summary>
    public IEnumerable<string> Names => _definitions.Select(d => d.Name);

    public void Observe(string host, string line, DateTimeOffset at)
    {
        foreach (var (name, pattern) in _definitions)
        {
            Match match;
            try
            {
                match = pattern.Match(line);
            }
            catch (RegexMatchTimeoutException)
            {
                continue;
            }

            if (!match.Success || match.Groups.Count < 2
                || !double.TryParse(match.Groups[1].ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                || !double.IsFinite(value))
                continue;
            lock (_gate)
            {
                if (!_points.TryGetValue(name, out var points))
                    _points[name] = points = [];
                points.Add(new TrainingMetricPoint(at, host, value));
            }
        }
    }

    /// <summary>The points of one metric in the order they were logged; empty when it never matched.</summary>
    public IReadOnlyList<TrainingMetricPoint> Points(string metricName)
    {
        lock (_gate)
            return _points.TryGetValue(metricName, out var points) ? [.. points] : [];
    }

    /// <summary>The latest value of every metric that matched, in definition order: the job's FinalMetricDataList.</summary>
    public List<MetricData> Final()
    {
        lock (_gate)
        {
            return _definitions
                .Where(d => _points.ContainsKey(d.Name))
                .Select(d =>
                {
                    var last = Latest(_points[d.Name]);
                    return new MetricData { MetricName = d.Name, Value = (float)last.Value, Timestamp = last.Timestamp };
                })
                .ToList();
        }
    }

    /// <summary>
    /// The point logged last, by its log time; of points logged at the same time, the one observed last. Two hosts can
    /// observe their lines in the other order than their streams stamped them, so the last observed is not enough.
    /// </summary>
    private static TrainingMetricPoint Latest(List<TrainingMetricPoint> points)
    {
        var latest = points[0];
        foreach (var point in points)
            if (point.Timestamp >= latest.Timestamp)
                latest = point;
        return latest;
    }
}
