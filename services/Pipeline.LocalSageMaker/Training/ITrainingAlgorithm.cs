using Pipeline.Aws.SageMaker;

namespace Pipeline.LocalSageMaker.Training;

/// <summary>
/// What runs inside a training job's containers: the built-in linear learner, or a bring-your-own command.
/// The engine has laid out every host's folder tree (config files written, channel data downloaded) before calling.
/// </summary>
public interface ITrainingAlgorithm
{
    /// <summary>
    /// Trains on every host of <paramref name="cluster"/> at once and returns when all have finished, each having
    /// written its model folder. A failure of the algorithm (bad hyperparameter, unreadable data, a command's non-zero
    /// exit) is an <see cref="AlgorithmErrorException"/> whose message becomes the job's FailureReason. Cancellation
    /// means the job is being stopped (StopTrainingJob or MaxRuntimeInSeconds).
    /// </summary>
    Task TrainAsync(TrainingCluster cluster, CancellationToken cancellationToken);

    /// <summary>
    /// The metric definitions SageMaker gives a job of this algorithm when its request names none (a built-in
    /// algorithm's; a bring-your-own container has only what the request defines).
    /// </summary>
    IReadOnlyList<MetricDefinition> MetricDefinitions => [];
}

/// <summary>The algorithm failed; <see cref="Exception.Message"/> is the FailureReason shown to the user.</summary>
public sealed class AlgorithmErrorException(string reason, Exception? inner = null) : Exception(reason, inner);
