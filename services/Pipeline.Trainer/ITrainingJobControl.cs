using Pipeline.Aws.SageMaker;

namespace Pipeline.Trainer;

/// <summary>
/// The SageMaker control-plane calls the Trainer makes. Implementations throw the typed errors of
/// Pipeline.Aws (ResourceInUseException, ResourceNotFoundException, ValidationException, ThrottlingException).
/// </summary>
public interface ITrainingJobControl
{
    /// <summary>CreateTrainingJob; returns the new job's ARN.</summary>
    Task<string> CreateTrainingJobAsync(CreateTrainingJobRequest request, CancellationToken cancellationToken);

    /// <summary>The ARN of an existing job (DescribeTrainingJob), used when a create finds the name taken.</summary>
    Task<string> DescribeTrainingJobArnAsync(string trainingJobName, CancellationToken cancellationToken);

    Task StopTrainingJobAsync(string trainingJobName, CancellationToken cancellationToken);
}
