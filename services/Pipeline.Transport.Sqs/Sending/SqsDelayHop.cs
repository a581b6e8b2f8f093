using System.Globalization;

namespace Pipeline.Transport.Sqs.Sending;

/// <summary>
/// Delays through SQS's DelaySeconds, which stops at 15 minutes: a message due later is sent with the longest delay
/// and the time it is due in <see cref="DueHeader"/>; the receiver sends it on again (a hop) until that time has come.
/// </summary>
internal static class SqsDelayHop
{
    public const string DueHeader = "MT-Sqs-Due";

    /// <summary>The DelaySeconds of a send delayed by <paramref name="delay"/>; sets or clears the due header.</summary>
    public static int Plan(TimeSpan? delay, int maxDelaySeconds, DateTimeOffset now, IDictionary<string, object> headers)
    {
        headers.Remove(DueHeader);
        if (delay is not { } wait || wait <= TimeSpan.Zero)
            return 0;
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        if (seconds <= maxDelaySeconds)
            return seconds;
        headers[DueHeader] = (now + wait).ToString("O", CultureInfo.InvariantCulture);
        return maxDelaySeconds;
    }

    /// <summary>
    /// How much longer a received message must wait, if its due time has not come yet. The last hop is rounded up to
    /// whole seconds, so a message comes at most a second late and never early.
    /// </summary>
    public static TimeSpan? Remaining(IReadOnlyDictionary<string, object> headers, DateTimeOffset now) =>
        headers.TryGetValue(DueHeader, out var value)
        && DateTimeOffset.TryParse(value as string, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var due)
        && due > now
            ? due - now
            : null;

    public static int NextHopSeconds(TimeSpan remaining, int maxDelaySeconds) =>
        Math.Min((int)Math.Ceiling(remaining.TotalSeconds), maxDelaySeconds);
}
