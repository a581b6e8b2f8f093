namespace Pipeline.Contracts;

/// <summary>
/// One queue per service. Commands are sent to the queue of the service that owns them; events are published.
/// Each service's consumers and the coordinator's saga listen on these names, whatever the transport.
/// </summary>
public static class ServiceQueues
{
    public const string Coordinator = "coordinator";
    public const string Ingestor = "ingestor";
    public const string Trainer = "trainer";
    public const string JobWatcher = "job-watcher";
    public const string Deployer = "deployer";
    public const string Evaluator = "evaluator";

    public static Uri Address(string queue) => new($"queue:{queue}");
}
