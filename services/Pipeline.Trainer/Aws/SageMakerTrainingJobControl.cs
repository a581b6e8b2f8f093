using Pipeline.Aws.SageMaker;

namespace Pipeline.Trainer.Aws;

/// <summary>The Trainer's control plane on SageMaker (AWS or LocalSageMaker).</summary>
public sealed class SageMakerTrainingJobControl(SageMakerClient sageMaker) : ITrainingJobControl
{
    public async Task<string> CreateTrainingJobAsync(CreateTrainingJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await sageMaker.CreateTrainingJobAsync(request, cancellationToken).ConfigureAwait(false);
        return response.TrainingJobArn ?? throw new InvalidDataException($"CreateTrainingJob {request.TrainingJobName} answered without a TrainingJobArn.");
    }

    public async Task<string> DescribeTrainingJobArnAsync(string trainingJobName, CancellationToken cancellationToken)
    {
        var response = await sageMaker.DescribeTrainingJobAsync(new DescribeTrainingJobRequest { TrainingJobName = trainingJobName }, cancellationToken)
            .ConfigureAwait(false);
        return response.TrainingJobArn ?? throw new InvalidDataException($"DescribeTrainingJob {trainingJobName} answered without a TrainingJobArn.");
    }

    public Task StopTrainingJobAsync(string trainingJobName, CancellationToken cancellationToken) =>
        sageMaker.StopTrainingJobAsync(new StopTrainingJobRequest { TrainingJobName = trainingJobName }, cancellationToken);
}
