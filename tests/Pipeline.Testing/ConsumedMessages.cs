using MassTransit.Testing;

using Xunit;

namespace Pipeline.Testing;

/// <summary>
/// Waits on a harness's consumed messages (the bus's or a saga's) by polling, with a generous deadline, as
/// <see cref="PublishedMessages"/> does for published ones: the harness's inactivity signal fires only once.
/// </summary>
public static class ConsumedMessages
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    /// <summary>The messages of this type handled so far that match, without waiting.</summary>
    public static IReadOnlyList<IReceivedMessage<T>> ConsumedSoFar<T>(this IReceivedMessageList consumed, Func<IReceivedMessage<T>, bool>? match = null)
        where T : class =>
        consumed.Select<T>(new CancellationToken(canceled: true)).Where(m => match?.Invoke(m) ?? true).ToList();

    /// <summary>
    /// Waits until at least <paramref name="count"/> messages of this type that match were handled (with or without an
    /// exception unless <paramref name="match"/> says), then returns them all.
    /// </summary>
    /// <param name="within">How long to wait; 15 s unless said.</param>
    /// <param name="state">What to add to the failure, such as the saga's state.</param>
    public static async Task<IReadOnlyList<IReceivedMessage<T>>> WaitForConsumed<T>(this IReceivedMessageList consumed, int count = 1,
        Func<IReceivedMessage<T>, bool>? match = null, TimeSpan? within = null, Func<string>? state = null)
        where T : class
    {
        var limit = within ?? Deadline;
        var deadline = DateTime.UtcNow + limit;
        while (consumed.ConsumedSoFar(match).Count < count)
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Expected {count} {typeof(T).Name} handled within {limit.TotalSeconds} s, got {consumed.ConsumedSoFar(match).Count}"
                    + (state is null ? "." : $"; {state()}."));
            await Task.Delay(10);
        }

        return consumed.ConsumedSoFar(match);
    }
}
