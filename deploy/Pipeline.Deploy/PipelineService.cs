namespace Pipeline.Deploy;

/// <summary>
/// One service as the stack deploys it: its project and queue, the message types its durable queue consumes and the
/// ones it publishes (so the stack can make the topics, subscriptions and publish permissions), the queues it sends
/// commands to, what else it does on AWS, its task size, and how much backlog one task may hold before the service
/// scales out (null: not scaled).
/// </summary>
internal sealed record PipelineService(
    string Name,
    string Queue,
    IReadOnlyList<MessageTopic> Consumes,
    IReadOnlyList<MessageTopic> Publishes,
    IReadOnlyList<AwsAccess> Access,
    TaskSize Size,
    int? BacklogPerTask)
{
    /// <summary>Queues this service sends commands to, besides its own (schedules and delayed polls go to its own).</summary>
    public IReadOnlyList<string> SendsTo { get; init; } = [];

    /// <summary>
    /// Message types a queue of each process's own consumes (a temporary endpoint, deleted when the process stops): the
    /// transport creates that queue and its subscriptions, so the stack makes only the topics and the permissions.
    /// </summary>
    public IReadOnlyList<MessageTopic> ConsumesPerProcess { get; init; } = [];

    /// <summary>The Fargate service's and the image repository's name.</summary>
    public string Project => $"Pipeline.{Name}";

    /// <summary>What it publishes, with the faults MassTransit publishes when one of its consumers gives up.</summary>
    public IEnumerable<MessageTopic> Emits => Publishes.Concat(Consumes.Concat(ConsumesPerProcess).Select(t => t.Fault())).Distinct();

    public bool IsScaled => BacklogPerTask is not null;
}

/// <summary>Fargate task size: vCPU units (1024 = 1 vCPU) and memory in MiB, a combination Fargate offers.</summary>
internal sealed record TaskSize(int Cpu, int MemoryMiB)
{
    public static TaskSize Small { get; } = new(256, 512);
    public static TaskSize Medium { get; } = new(512, 1024);
    public static TaskSize Large { get; } = new(1024, 4096);
}
