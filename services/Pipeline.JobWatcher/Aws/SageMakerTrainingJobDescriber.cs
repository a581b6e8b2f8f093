using Pipeline.Aws.SageMaker;

namespace Pipeline.JobWatcher.Aws;

/// <summary>DescribeTrainingJob on SageMaker (AWS or LocalSageMaker), reduced to what the watcher reads.</summary>
public sealed class SageMakerTrainingJobDescriber(SageMakerClient sageMaker) : ITrainingJobDescriber
{
    public async Task<TrainingJobDescription> DescribeTrainingJobAsync(string trainingJobName, CancellationToken cancellationToken)
    {
        var job = await sageMaker.DescribeTrainingJobAsync(new DescribeTrainingJobRequest { TrainingJobName = trainingJobName }, cancellationToken)
            .ConfigureAwait(false);
        return ToDescription(trainingJobName, job);
    }

    public static TrainingJobDescription ToDescription(string trainingJobName, DescribeTrainingJobResponse job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new TrainingJobDescription
        {
            TrainingJobName = job.TrainingJobName ?? trainingJobName,
            TrainingJobStatus = job.TrainingJobStatus
                                ?? throw new InvalidDataException($"DescribeTrainingJob {trainingJobName} answered without a TrainingJobStatus."),
            SecondaryStatus = job.SecondaryStatus,
            FailureReason = string.IsNullOrEmpty(job.FailureReason) ? null : job.FailureReason,
            ModelArtifacts = job.ModelArtifacts?.S3ModelArtifacts,
            TrainingTimeInSeconds = job.TrainingTimeInSeconds,
            BillableTimeInSeconds = job.BillableTimeInSeconds,
            InstanceCount = job.ResourceConfig?.InstanceCount
                            ?? throw new InvalidDataException($"DescribeTrainingJob {trainingJobName} answered without ResourceConfig.InstanceCount."),
            TrainingStartTime = job.TrainingStartTime,
            TrainingEndTime = job.TrainingEndTime,
        };
    }
}
