using System.Collections.Concurrent;
using MassTransit;

namespace Pipeline.Transport.Sqs.Tests;

/// <summary>What the test's consumers were given, by endpoint, waited on with a generous deadline (a slow machine makes a test slower, never wrong).</summary>
public sealed class Received
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly ConcurrentQueue<(string Endpoint, ConsumeContext Context, DateTimeOffset At)> _all = new();

    public void Add(string endpoint, ConsumeContext context) => _all.Enqueue((endpoint, context, DateTimeOffset.UtcNow));

    public IReadOnlyList<(string Endpoint, ConsumeContext<T> Context, DateTimeOffset At)> Of<T>()
        where T : class =>
        _all.Where(r => r.Context is ConsumeContext<T>).Select(r => (r.Endpoint, (ConsumeContext<T>)r.Context, r.At)).ToList();

    public async Task<IReadOnlyList<(string Endpoint, ConsumeContext<T> Context, DateTimeOffset At)>> WaitFor<T>(int count = 1)
        where T : class
    {
        var deadline = DateTimeOffset.UtcNow + Deadline;
        while (Of<T>().Count < count)
        {
            if (DateTimeOffset.UtcNow > deadline)
                Assert.Fail($"Expected {count} {typeof(T).Name} within {Deadline.TotalSeconds} s, got {Of<T>().Count}.");
            await Task.Delay(20);
        }

        return Of<T>();
    }
}

/// <summary>Records each message it consumes, with the endpoint it came through.</summary>
public sealed class RecordingConsumer<T>(Received received) : IConsumer<T>
    where T : class
{
    public Task Consume(ConsumeContext<T> context)
    {
        received.Add(context.ReceiveContext.InputAddress.AbsolutePath.Trim('/'), context);
        return Task.CompletedTask;
    }
}
