using System.Diagnostics;
using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Testing;
using Pipeline.Transport.Sqs;

namespace Pipeline.Benchmarks;

/// <summary>
/// Messages per second through our MassTransit transport over SQS (send, consume, delete) against a plain AWSSDK.SQS
/// loop doing the same work (send, receive, delete) on the same moto_server in the same run.
/// </summary>
internal static class TransportBenchmark
{
    public const double Target = 0.8;

    public sealed record BenchMessage(int Number);

    public static async Task<int> RunAsync(int messages, IReadOnlyList<int> concurrencies, int repeats)
    {
        var moto = new MotoServer();
        await moto.InitializeAsync();
        try
        {
            Console.WriteLine($"transport: {messages:N0} messages per run, the median of {repeats} alternating runs per figure, "
                + $"moto_server on {moto.EndpointUrl} (started in {moto.StartTime.TotalSeconds:0.0} s)");
            var missed = false;
            foreach (var concurrency in concurrencies)
            {
                var plainRuns = new List<double>();
                var transportRuns = new List<double>();
                for (var run = 0; run < repeats; run++)
                {
                    plainRuns.Add(await PlainLoopAsync(moto, messages, concurrency));
                    transportRuns.Add(await TransportAsync(moto, messages, concurrency));
                }

                var plain = Median(plainRuns);
                var transport = Median(transportRuns);
                var ratio = transport / plain;
                missed |= ratio < Target;
                Console.WriteLine($"concurrency {concurrency,2}: transport {transport,7:N0} msg/s, plain AWSSDK.SQS loop {plain,7:N0} msg/s, "
                    + $"ratio {ratio:0.00} (target >= {Target:0.0}){(ratio < Target ? " MISSED" : "")}; runs: transport "
                    + $"{string.Join('/', transportRuns.Select(r => r.ToString("0", CultureInfo.InvariantCulture)))}, plain "
                    + $"{string.Join('/', plainRuns.Select(r => r.ToString("0", CultureInfo.InvariantCulture)))}");
            }

            return missed ? 1 : 0;
        }
        finally
        {
            await moto.DisposeAsync();
        }
    }

    private static double Median(List<double> runs)
    {
        var sorted = runs.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static AmazonSQSClient Sqs(MotoServer moto) =>
        new(MotoServer.Credentials, new AmazonSQSConfig { ServiceURL = moto.EndpointUrl, AuthenticationRegion = MotoServer.Region });

    /// <summary>Senders and receivers, <paramref name="concurrency"/> of each; a message counts once deleted.</summary>
    private static async Task<double> PlainLoopAsync(MotoServer moto, int messages, int concurrency)
    {
        using var sqs = Sqs(moto);
        var queue = (await sqs.CreateQueueAsync($"plain-{Guid.NewGuid():N}")).QueueUrl;
        var sent = 0;
        var deleted = 0;
        var clock = Stopwatch.StartNew();
        var senders = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref sent) <= messages)
                await sqs.SendMessageAsync(queue, "{\"number\":1}");
        }));
        var receivers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Volatile.Read(ref deleted) < messages)
            {
                var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queue, MaxNumberOfMessages = 10, WaitTimeSeconds = 1 });
                foreach (var message in received.Messages ?? [])
                {
                    await sqs.DeleteMessageAsync(queue, message.ReceiptHandle);
                    Interlocked.Increment(ref deleted);
                }
            }
        }));
        await Task.WhenAll(senders.Concat(receivers));
        return messages / clock.Elapsed.TotalSeconds;
    }

    /// <summary>A real bus on our transport: a consumer limited to <paramref name="concurrency"/>, as many parallel senders.</summary>
    private static async Task<double> TransportAsync(MotoServer moto, int messages, int concurrency)
    {
        var counter = new ConsumedCounter(messages);
        var services = new ServiceCollection();
        services.AddSingleton(counter);
        services.AddMassTransit(bus =>
        {
            bus.AddConsumer<CountingConsumer>();
            bus.UsingSqs((context, cfg) =>
            {
                cfg.Host(h =>
                {
                    h.SqsServiceUrl = moto.EndpointUrl;
                    h.SnsServiceUrl = moto.EndpointUrl;
                    h.Region = MotoServer.Region;
                    h.Credentials = MotoServer.Credentials;
                    h.Scope = $"bench{Guid.NewGuid():N}"[..16];
                    h.WaitTimeSeconds = 1;
                });
                cfg.ReceiveEndpoint("bench", e =>
                {
                    e.ConcurrentMessageLimit = concurrency;
                    e.ConfigureConsumer<CountingConsumer>(context);
                });
            });
        });
        await using var provider = services.BuildServiceProvider();
        var control = provider.GetRequiredService<IBusControl>();
        await control.StartAsync();
        try
        {
            var endpoint = await control.GetSendEndpoint(new Uri("queue:bench"));
            var sent = 0;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                int number;
                while ((number = Interlocked.Increment(ref sent)) <= messages)
                    await endpoint.Send(new BenchMessage(number));
            })));
            await counter.All.WaitAsync(TimeSpan.FromMinutes(10));
            return messages / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await control.StopAsync();
        }
    }

    public sealed class ConsumedCounter(int expected)
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _consumed;

        public Task All => _all.Task;

        public void Add()
        {
            if (Interlocked.Increment(ref _consumed) == expected)
                _all.TrySetResult();
        }
    }

    public sealed class CountingConsumer(ConsumedCounter counter) : IConsumer<BenchMessage>
    {
        public Task Consume(ConsumeContext<BenchMessage> context)
        {
            counter.Add();
            return Task.CompletedTask;
        }
    }
}
