using System.Collections.Concurrent;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Training;

namespace Pipeline.LocalSageMaker.Tests.Support;

/// <summary>A stand-in algorithm that does what the test says and remembers the clusters it trained.</summary>
public sealed class ScriptedAlgorithm(Func<TrainingCluster, CancellationToken, Task>? train = null) : ITrainingAlgorithm
{
    public ConcurrentQueue<TrainingCluster> Clusters { get; } = new();

    public Func<TrainingCluster, CancellationToken, Task> Train { get; set; } = train ?? ((_, _) => Task.CompletedTask);

    public IReadOnlyList<MetricDefinition> MetricDefinitions { get; set; } = [];

    public Task TrainAsync(TrainingCluster cluster, CancellationToken cancellationToken)
    {
        Clusters.Enqueue(cluster);
        return Train(cluster, cancellationToken);
    }
}
