namespace Pipeline.Deploy;

/// <summary>
/// An SNS topic of one message type, named as the SQS transport names it (<c>Pipeline.Transport.Sqs</c>'s
/// SqsMessageNameFormatter, which follows MassTransit's SQS transport): the namespace with '.' as '_', '-', the type's
/// name. MassTransit publishes <c>Fault&lt;T&gt;</c> when a consumer of T gives up; that generic type's name is
/// <c>MassTransit-Fault--{T}--</c>, where T leaves out its namespace when it is MassTransit's too.
/// </summary>
internal sealed record MessageTopic(Type Message, int Faults = 0)
{
    public static MessageTopic Of<T>() => new(typeof(T));

    public static MessageTopic FaultOf<T>() => new(typeof(T), 1);

    /// <summary>The topic of the fault MassTransit publishes when a consumer of this topic's message gives up.</summary>
    public MessageTopic Fault() => this with { Faults = Faults + 1 };

    /// <summary>The name before the scope prefix.</summary>
    public string Name => Faults == 0 ? Plain : $"MassTransit-{Nested(Faults)}";

    private string Plain => $"{Message.Namespace!.Replace('.', '_')}-{Message.Name}";

    private string Nested(int faults) => faults == 0 ? Plain : $"Fault--{Nested(faults - 1)}--";
}
