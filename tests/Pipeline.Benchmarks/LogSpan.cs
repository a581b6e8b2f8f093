using Pipeline.Aws.Logs;
using Pipeline.LocalSageMaker.Api;

namespace Pipeline.Benchmarks;

/// <summary>
/// A training job's time as the notebook's get_train_timing measures it: every event of every stream of the job,
/// latest minus earliest timestamp, read through the Logs API.
/// </summary>
internal static class LogSpan
{
    /// <param name="onMessage">Sees every event's message, for figures the benchmark reads from the log.</param>
    public static async Task<double> SecondsAsync(ILogsApi logs, string group, string jobName, Action<string>? onMessage = null)
    {
        long first = long.MaxValue, last = long.MinValue;
        string? token = null;
        do
        {
            var page = await logs.DescribeLogStreamsAsync(
                new DescribeLogStreamsRequest { LogGroupName = group, LogStreamNamePrefix = $"{jobName}/", NextToken = token }, CancellationToken.None);
            foreach (var stream in page.LogStreams ?? [])
            {
                string? eventsToken = null;
                while (true)
                {
                    var events = await logs.GetLogEventsAsync(new GetLogEventsRequest
                    {
                        LogGroupName = group, LogStreamName = stream.LogStreamName, StartFromHead = true, NextToken = eventsToken,
                    }, CancellationToken.None);
                    foreach (var e in events.Events ?? [])
                    {
                        first = Math.Min(first, e.Timestamp!.Value);
                        last = Math.Max(last, e.Timestamp!.Value);
                        onMessage?.Invoke(e.Message!);
                    }

                    if (events.NextForwardToken == eventsToken)
                        break;
                    eventsToken = events.NextForwardToken;
                }
            }

            token = page.NextToken;
        }
        while (token is not null);

        return first == long.MaxValue ? throw new InvalidOperationException($"Training job {jobName} logged nothing.") : (last - first) / 1000.0;
    }
}
