using System.Reflection;
using System.Text.Json;
using MassTransit;
using Pipeline.Transport.Sqs;
using Pipeline.Transport.Sqs.Topology;

namespace Pipeline.Deploy.Tests.PipelineStack;

[Collection(SynthesizedPipelineCollection.Name)]
public sealed class When_laying_out_queues_and_topics(SynthesizedPipeline stack)
{
    /// <summary>The assembly holding each service's consumers (the Coordinator's saga is read from its state machine).</summary>
    private static readonly Dictionary<string, Assembly> ConsumersOf = new()
    {
        ["Ingestor"] = typeof(Pipeline.Ingestor.IngestDatasetConsumer).Assembly,
        ["Trainer"] = typeof(Pipeline.Trainer.StartTrainingJobConsumer).Assembly,
        ["JobWatcher"] = typeof(Pipeline.JobWatcher.WatchTrainingJobConsumer).Assembly,
        ["Deployer"] = typeof(Pipeline.Deployer.DeployModelConsumer).Assembly,
        ["Evaluator"] = typeof(Pipeline.Evaluator.EvaluateEndpointConsumer).Assembly,
    };

    private readonly SqsMessageNameFormatter _formatter = new();

    private SqsEntityNames Names => new(new SqsHostSettings { Scope = stack.Settings.Scope });

    private Dictionary<string, string> QueueIds => stack.Resources("AWS::SQS::Queue").ToDictionary(q => q.Properties.GetProperty("QueueName").GetString()!, q => q.Id);

    [Fact]
    public void Every_service_queue_dead_letters_into_its_error_queue()
    {
        var queues = QueueIds;
        var serviceQueues = PipelineServices.All.Select(s => Names.Scoped(s.Queue)).ToList();

        foreach (var name in serviceQueues)
        {
            var redrive = stack.Properties(queues[name]).GetProperty("RedrivePolicy");
            Assert.True(Json.IsGetAtt(redrive.GetProperty("deadLetterTargetArn"), queues[SqsEntityNames.Error(name)]), $"{name} dead-letters elsewhere");
            Assert.Equal(Deploy.Messaging.MaxReceiveCount, redrive.GetProperty("maxReceiveCount").GetInt32());
        }

        // Every other queue is one of those dead-letter queues: _error (the transport's and SQS's) or _skipped (the transport's).
        var deadLetterQueues = serviceQueues.SelectMany(q => new[] { SqsEntityNames.Error(q), SqsEntityNames.Skipped(q) });
        Assert.Equal(serviceQueues.Concat(deadLetterQueues).Order(StringComparer.Ordinal), queues.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Error_and_skipped_queues_keep_their_messages_for_fourteen_days()
    {
        foreach (var service in PipelineServices.All)
        {
            var name = Names.Scoped(service.Queue);
            foreach (var deadLetters in new[] { SqsEntityNames.Error(name), SqsEntityNames.Skipped(name) })
            {
                var queue = stack.Properties(QueueIds[deadLetters]);
                Assert.Equal(14 * 24 * 3600, queue.GetProperty("MessageRetentionPeriod").GetInt32());
                Assert.False(queue.TryGetProperty("RedrivePolicy", out _), $"{deadLetters} has a dead-letter queue of its own");
            }
        }
    }

    [Fact]
    public void Topic_names_are_the_ones_the_transport_derives()
    {
        var topics = PipelineServices.All.SelectMany(s => s.Consumes.Concat(s.ConsumesPerProcess).Concat(s.Emits)).Distinct().ToList();
        var inStack = stack.Resources("AWS::SNS::Topic").Select(t => t.Properties.GetProperty("TopicName").GetString()).ToHashSet();

        foreach (var topic in topics)
        {
            Assert.Equal(_formatter.GetMessageName(TypeOf(topic)), topic.Name);
            Assert.Contains(Names.Scoped(topic.Name), inStack);
        }
    }

    [Fact]
    public void Every_message_type_a_service_consumes_is_in_its_table_and_reaches_its_queue()
    {
        foreach (var service in PipelineServices.All)
        {
            var consumed = ConsumedInCode(service).Select(t => _formatter.GetMessageName(t)).Order(StringComparer.Ordinal);
            Assert.Equal(consumed, service.Consumes.Concat(service.ConsumesPerProcess).Select(t => t.Name).Order(StringComparer.Ordinal));

            var subscribed = SubscriptionsOf(Names.Scoped(service.Queue));
            Assert.Equal(service.Consumes.Select(t => Names.Scoped(t.Name)).Order(StringComparer.Ordinal), subscribed.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void The_ingestors_per_process_queue_is_what_the_experiment_ended_consumer_consumes()
    {
        var consumed = MessageTypesOf(typeof(Pipeline.Ingestor.ExperimentEndedConsumer)).Select(t => _formatter.GetMessageName(t));

        Assert.Equal(consumed.Order(StringComparer.Ordinal), PipelineServices.Ingestor.ConsumesPerProcess.Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    /// <summary>The names of the topics the queue is subscribed to, each with raw delivery as the transport asks for.</summary>
    private List<string> SubscriptionsOf(string queueName)
    {
        var queueId = QueueIds[queueName];
        var topics = stack.Resources("AWS::SNS::Topic").ToDictionary(t => t.Id, t => t.Properties.GetProperty("TopicName").GetString()!);
        var subscriptions = stack.Resources("AWS::SNS::Subscription").Where(s => Json.IsGetAtt(s.Properties.GetProperty("Endpoint"), queueId)).ToList();
        Assert.All(subscriptions, s =>
        {
            Assert.Equal("sqs", s.Properties.GetProperty("Protocol").GetString());
            Assert.True(s.Properties.GetProperty("RawMessageDelivery").GetBoolean());
        });
        return [.. subscriptions.Select(s => topics[Json.Ref(s.Properties.GetProperty("TopicArn"))])];
    }

    private static IEnumerable<Type> ConsumedInCode(PipelineService service)
    {
        if (service == PipelineServices.Coordinator)
        {
            // Every event of the state machine, and the message its stage timeout schedules.
            return typeof(Pipeline.Coordinator.ExperimentStateMachine).GetProperties()
                .Select(p => p.PropertyType)
                .Where(t => t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(Event<>) || t.GetGenericTypeDefinition() == typeof(Schedule<,>)))
                .Select(t => t.GetGenericArguments()[^1]);
        }

        return ConsumersOf[service.Name].GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }).SelectMany(MessageTypesOf).Distinct();
    }

    private static IEnumerable<Type> MessageTypesOf(Type consumer) => consumer.GetInterfaces()
        .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
        .Select(i => i.GetGenericArguments()[0]);

    private static Type TypeOf(MessageTopic topic)
    {
        var type = topic.Message;
        for (var i = 0; i < topic.Faults; i++)
            type = typeof(Fault<>).MakeGenericType(type);
        return type;
    }
}
