using Pipeline.Aws.SageMaker;
using Shapes = Pipeline.Aws.SageMaker;

namespace Pipeline.Trainer.Aws;

/// <summary>The Trainer's control plane on SageMaker (AWS or LocalSageMaker): the request mapped member for member.</summary>
public sealed class SageMakerTrainingJobControl(SageMakerClient sageMaker) : ITrainingJobControl
{
    public async Task<string> CreateTrainingJobAsync(TrainingJobRequest request, CancellationToken cancellationToken)
    {
        var response = await sageMaker.CreateTrainingJobAsync(ToCreateRequest(request), cancellationToken).ConfigureAwait(false);
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

    public static CreateTrainingJobRequest ToCreateRequest(TrainingJobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new CreateTrainingJobRequest
        {
            TrainingJobName = request.TrainingJobName,
            AlgorithmSpecification = new Shapes.AlgorithmSpecification
            {
                TrainingImage = request.AlgorithmSpecification.TrainingImage,
                TrainingInputMode = request.AlgorithmSpecification.TrainingInputMode,
            },
            RoleArn = request.RoleArn,
            InputDataConfig = request.InputDataConfig.Select(channel => new Shapes.Channel
            {
                ChannelName = channel.ChannelName,
                DataSource = new Shapes.DataSource
                {
                    S3DataSource = new Shapes.S3DataSource
                    {
                        S3DataType = channel.DataSource.S3DataSource.S3DataType,
                        S3Uri = channel.DataSource.S3DataSource.S3Uri,
                        S3DataDistributionType = channel.DataSource.S3DataSource.S3DataDistributionType,
                    },
                },
                ContentType = channel.ContentType,
                CompressionType = channel.CompressionType,
                RecordWrapperType = channel.RecordWrapperType,
            }).ToList(),
            OutputDataConfig = new Shapes.OutputDataConfig { S3OutputPath = request.OutputDataConfig.S3OutputPath },
            ResourceConfig = new Shapes.ResourceConfig
            {
                InstanceCount = request.ResourceConfig.InstanceCount,
                InstanceType = request.ResourceConfig.InstanceType,
                VolumeSizeInGB = request.ResourceConfig.VolumeSizeInGB,
            },
            HyperParameters = new Dictionary<string, string>(request.HyperParameters),
            StoppingCondition = new Shapes.StoppingCondition { MaxRuntimeInSeconds = request.StoppingCondition.MaxRuntimeInSeconds },
            // SageMaker takes an absent Tags, not only an empty list; leave it out when there are none.
            Tags = request.Tags.Count == 0 ? null : request.Tags.Select(t => new Shapes.Tag { Key = t.Key, Value = t.Value }).ToList(),
        };
    }
}
