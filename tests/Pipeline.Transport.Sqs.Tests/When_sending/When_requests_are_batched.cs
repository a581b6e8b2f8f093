using Pipeline.Transport.Sqs.Broker;

namespace Pipeline.Transport.Sqs.Tests.When_sending;

public sealed class When_requests_are_batched
{
    /// <summary>A batch call that records what it was given and answers when the test lets it.</summary>
    private sealed class HeldBatches
    {
        private readonly object _lock = new();
        private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<IReadOnlyList<string>> Calls { get; } = [];

        public Func<string, Exception?> Failure { get; init; } = _ => null;

        public bool Hold { get; set; }

        public async Task<IReadOnlyList<Exception?>> SendAsync(IReadOnlyList<string> entries)
        {
            Task release;
            lock (_lock)
            {
                Calls.Add(entries);
                release = Hold ? _release.Task : Task.CompletedTask;
            }

            await release;
            return entries.Select(Failure).ToList();
        }

        public void ReleaseAll()
        {
            lock (_lock)
            {
                Hold = false;
                _release.TrySetResult();
                _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    [Fact]
    public async Task A_lone_request_goes_at_once_in_a_batch_of_its_own()
    {
        var batches = new HeldBatches();
        await using var batcher = new SqsBatcher<string>(batches.SendAsync, _ => 1, 1000, maxInFlight: 1);

        await batcher.SubmitAsync("a", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["a"], Assert.Single(batches.Calls));
    }

    [Fact]
    public async Task Requests_made_while_a_batch_is_in_flight_go_together_ten_at_most()
    {
        var batches = new HeldBatches { Hold = true };
        await using var batcher = new SqsBatcher<string>(batches.SendAsync, _ => 1, 1000, maxInFlight: 1);
        var first = batcher.SubmitAsync("first", CancellationToken.None);
        await WaitUntil(() => batches.Calls.Count == 1);

        var rest = Enumerable.Range(0, 25).Select(i => batcher.SubmitAsync($"m{i}", CancellationToken.None)).ToList();
        batches.ReleaseAll();
        await Task.WhenAll(rest.Append(first)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([1, 10, 10, 5], batches.Calls.Select(c => c.Count));
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"m{i}"), batches.Calls.Skip(1).SelectMany(c => c));
    }

    [Fact]
    public async Task A_batch_never_exceeds_the_byte_limit()
    {
        var batches = new HeldBatches { Hold = true };
        await using var batcher = new SqsBatcher<string>(batches.SendAsync, entry => entry.Length, maxBatchBytes: 10, maxInFlight: 1);
        var first = batcher.SubmitAsync("x", CancellationToken.None);
        await WaitUntil(() => batches.Calls.Count == 1);

        var rest = new[] { "aaaa", "bbbb", "cccc", "dddddddddd" }.Select(e => batcher.SubmitAsync(e, CancellationToken.None)).ToList();
        batches.ReleaseAll();
        await Task.WhenAll(rest.Append(first)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(batches.Calls, call => Assert.True(call.Sum(e => e.Length) <= 10 || call.Count == 1));
        Assert.Equal(["aaaa", "bbbb"], batches.Calls[1]);
        Assert.Equal(5, batches.Calls.Sum(c => c.Count));
    }

    [Fact]
    public async Task An_entry_the_service_refuses_fails_alone()
    {
        var batches = new HeldBatches { Hold = true, Failure = e => e == "bad" ? new InvalidOperationException("refused: bad") : null };
        await using var batcher = new SqsBatcher<string>(batches.SendAsync, _ => 1, 1000, maxInFlight: 1);
        var first = batcher.SubmitAsync("first", CancellationToken.None);
        await WaitUntil(() => batches.Calls.Count == 1);

        var good = batcher.SubmitAsync("good", CancellationToken.None);
        var bad = batcher.SubmitAsync("bad", CancellationToken.None);
        batches.ReleaseAll();

        await good.WaitAsync(TimeSpan.FromSeconds(10));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => bad.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("refused: bad", error.Message);
        Assert.Equal(["good", "bad"], batches.Calls[1]);
        await first;
    }

    [Fact]
    public async Task A_failed_call_fails_every_entry_of_its_batch()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = new List<int>();
        async Task<IReadOnlyList<Exception?>> Refuse(IReadOnlyList<string> entries)
        {
            lock (calls)
                calls.Add(entries.Count);
            await release.Task;
            throw new HttpRequestException("connection refused");
        }

        await using var batcher = new SqsBatcher<string>(Refuse, _ => 1, 1000, maxInFlight: 1);
        var first = batcher.SubmitAsync("first", CancellationToken.None);
        await WaitUntil(() => { lock (calls) return calls.Count == 1; });
        var rest = new[] { "a", "b", "c" }.Select(e => batcher.SubmitAsync(e, CancellationToken.None)).ToList();
        release.SetResult();

        foreach (var task in rest.Append(first))
        {
            var error = await Assert.ThrowsAsync<HttpRequestException>(() => task.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal("connection refused", error.Message);
        }

        Assert.Equal([1, 3], calls);
    }

    [Fact]
    public async Task An_entry_cancelled_before_its_batch_is_formed_is_not_sent()
    {
        var batches = new HeldBatches { Hold = true };
        await using var batcher = new SqsBatcher<string>(batches.SendAsync, _ => 1, 1000, maxInFlight: 1);
        var first = batcher.SubmitAsync("first", CancellationToken.None);
        await WaitUntil(() => batches.Calls.Count == 1);
        using var cancel = new CancellationTokenSource();
        var cancelled = batcher.SubmitAsync("cancelled", cancel.Token);
        var kept = batcher.SubmitAsync("kept", CancellationToken.None);

        await cancel.CancelAsync();
        batches.ReleaseAll();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await Task.WhenAll(first, kept).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["kept"], batches.Calls[1]);
    }

    [Fact]
    public async Task Closing_sends_what_was_submitted_and_refuses_what_comes_after()
    {
        var batches = new HeldBatches { Hold = true };
        var batcher = new SqsBatcher<string>(batches.SendAsync, _ => 1, 1000, maxInFlight: 1);
        var submitted = new[] { "a", "b", "c" }.Select(e => batcher.SubmitAsync(e, CancellationToken.None)).ToList();

        var closing = batcher.DisposeAsync().AsTask();
        batches.ReleaseAll();
        await closing.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(submitted, task => Assert.True(task.IsCompletedSuccessfully));
        Assert.Equal(3, batches.Calls.Sum(c => c.Count));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => batcher.SubmitAsync("late", CancellationToken.None));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
            await Task.Delay(5, timeout.Token);
    }
}
