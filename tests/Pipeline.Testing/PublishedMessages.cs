using MassTransit.Testing;

using Xunit;

namespace Pipeline.Testing;

/// <summary>
/// Waits on the harness's published messages by polling, with a generous deadline, rather than through the
/// harness's inactivity timer, so a slow machine makes a test slower, never wrong.
/// </summary>
public static class PublishedMessages
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    /// <summary>Long enough for a wrongly repeated publish or a retry (milliseconds apart in these tests) to show up.</summary>
    private static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(250);

    /// <summary>The messages of this type published so far, without waiting.</summary>
    public static IReadOnlyList<T> PublishedSoFar<T>(this ITestHarness harness) where T : class =>
        harness.Published.Select<T>(new CancellationToken(canceled: true)).Select(m => m.Context.Message).ToList();

    /// <summary>Waits until at least <paramref name="count"/> messages of this type were published, then returns them all.</summary>
    public static async Task<IReadOnlyList<T>> WaitForPublished<T>(this ITestHarness harness, int count = 1) where T : class
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (harness.PublishedSoFar<T>().Count < count)
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Expected {count} {typeof(T).Name} within {Deadline.TotalSeconds} s, got {harness.PublishedSoFar<T>().Count}.");
            await Task.Delay(10);
        }

        return harness.PublishedSoFar<T>();
    }

    /// <summary>Waits for the message, lets the bus settle, and checks it was published exactly once.</summary>
    public static async Task<T> SinglePublished<T>(this ITestHarness harness) where T : class
    {
        await harness.WaitForPublished<T>();
        await Task.Delay(SettleTime);
        return Assert.Single(harness.PublishedSoFar<T>());
    }

    /// <summary>Lets a scenario that has reached its end settle, so a check that something did not happen means something.</summary>
    public static Task Settle(this ITestHarness _) => Task.Delay(SettleTime);
}
