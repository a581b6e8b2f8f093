using Amazon.SQS;
using Amazon.SQS.Model;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.Transport.Sqs.Tests;

/// <summary>
/// A real MassTransit bus on the transport, against the moto_server, under a scope of its own; plus a plain SQS client
/// to look at what the transport left on the queues.
/// </summary>
public sealed class SqsTestBus : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private SqsTestBus(ServiceProvider services, string scope, IAmazonSQS sqs)
    {
        _services = services;
        Scope = scope;
        Sqs = sqs;
    }

    public string Scope { get; }
    public IAmazonSQS Sqs { get; }
    public IBusControl Bus => _services.GetRequiredService<IBusControl>();
    public Received Received => _services.GetRequiredService<Received>();
    public IServiceProvider Services => _services;

    public static SqsHostSettings Settings(MotoServer moto, string scope) => new()
    {
        Region = MotoServer.Region,
        SqsServiceUrl = moto.EndpointUrl,
        SnsServiceUrl = moto.EndpointUrl,
        Credentials = MotoServer.Credentials,
        Scope = scope,
    };

    public static async Task<SqsTestBus> StartAsync(MotoServer moto, Action<IBusRegistrationConfigurator> register,
        Action<IBusRegistrationContext, ISqsBusFactoryConfigurator> configure, Action<SqsHostSettings>? host = null, TimeSpan? startTimeout = null)
    {
        var scope = "t" + Guid.NewGuid().ToString("N")[..10];
        var services = new ServiceCollection();
        services.AddSingleton<Received>();
        services.AddMassTransit(bus =>
        {
            register(bus);
            bus.UsingSqs((context, cfg) =>
            {
                cfg.Host(settings =>
                {
                    var defaults = Settings(moto, scope);
                    (settings.Region, settings.SqsServiceUrl, settings.SnsServiceUrl, settings.Credentials, settings.Scope) =
                        (defaults.Region, defaults.SqsServiceUrl, defaults.SnsServiceUrl, defaults.Credentials, defaults.Scope);
                    host?.Invoke(settings);
                });
                configure(context, cfg);
            });
        });
        var provider = services.BuildServiceProvider();
        var sqs = new AmazonSQSClient(MotoServer.Credentials, new AmazonSQSConfig { ServiceURL = moto.EndpointUrl, AuthenticationRegion = MotoServer.Region });
        var bus = new SqsTestBus(provider, scope, sqs);
        using var timeout = new CancellationTokenSource(startTimeout ?? TimeSpan.FromSeconds(30));
        try
        {
            await bus.Bus.StartAsync(timeout.Token);
        }
        catch
        {
            await bus.DisposeAsync();
            throw;
        }

        return bus;
    }

    public async Task<string> QueueUrlAsync(string queue) => (await Sqs.GetQueueUrlAsync($"{Scope}_{queue}")).QueueUrl;

    /// <summary>Messages now on the scoped queue, read with the plain client and left there (visible again after a second).</summary>
    public async Task<List<Message>> PeekAsync(string queue, int atLeast = 1)
    {
        var url = await QueueUrlAsync(queue);
        var found = new Dictionary<string, Message>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (found.Count < atLeast && DateTime.UtcNow < deadline)
        {
            var response = await Sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = url, MaxNumberOfMessages = 10, WaitTimeSeconds = 1, VisibilityTimeout = 1,
                MessageAttributeNames = ["All"],
            });
            foreach (var message in response.Messages ?? [])
                found[message.MessageId] = message;
        }

        return [.. found.Values];
    }

    public async Task<int> CountAsync(string queue)
    {
        var attributes = await Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = await QueueUrlAsync(queue),
            AttributeNames = [QueueAttributeName.ApproximateNumberOfMessages, QueueAttributeName.ApproximateNumberOfMessagesNotVisible],
        });
        return attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible;
    }

    /// <summary>Polls until the scoped queue holds no message, visible or in flight, for at most 30 s.</summary>
    public async Task WaitUntilEmptyAsync(string queue)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        int count;
        while ((count = await CountAsync(queue)) > 0)
        {
            if (DateTimeOffset.UtcNow > deadline)
                Assert.Fail($"{queue} still holds {count} message(s) after 30 s.");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await Bus.StopAsync(timeout.Token);
        }
        finally
        {
            Sqs.Dispose();
            await _services.DisposeAsync();
        }
    }
}
