namespace Pipeline.JobWatcher;

/// <summary>
/// DescribeTrainingJob. Throws Pipeline.Aws' ResourceNotFoundException for an unknown job and
/// ThrottlingException when the service asks the caller to slow down.
/// </summary>
public interface ITrainingJobDescriber
{
    Task<TrainingJobDescription> DescribeTrainingJobAsync(string trainingJobName, CancellationToken cancellationToken);
}
