using Pipeline.Aws.SageMaker;

namespace Pipeline.Evaluator.Aws;

/// <summary>Batch transform on SageMaker (AWS or LocalSageMaker).</summary>
public sealed class SageMakerBatchTransform(SageMakerClient sageMaker) : IBatchTransform
{
    public Task StartAsync(BatchTransformJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return sageMaker.CreateTransformJobAsync(new CreateTransformJobRequest
        {
            TransformJobName = job.JobName,
            ModelName = job.ModelName,
            BatchStrategy = job.BatchStrategy,
            MaxPayloadInMB = job.MaxPayloadInMB,
            MaxConcurrentTransforms = job.MaxConcurrentTransforms,
            TransformInput = new TransformInput
            {
                DataSource = new TransformDataSource { S3DataSource = new TransformS3DataSource { S3DataType = "S3Prefix", S3Uri = job.InputUri } },
                ContentType = job.ContentType,
                SplitType = job.SplitType,
            },
            TransformOutput = new TransformOutput { S3OutputPath = job.OutputPath, Accept = job.Accept, AssembleWith = job.AssembleWith },
            TransformResources = new TransformResources { InstanceType = job.InstanceType, InstanceCount = job.InstanceCount },
            Tags = job.Tags.Count == 0 ? null : [.. job.Tags.Select(t => new Tag { Key = t.Key, Value = t.Value })],
        }, cancellationToken);
    }

    public async Task<BatchTransformState> DescribeAsync(string jobName, CancellationToken cancellationToken)
    {
        var described = await sageMaker.DescribeTransformJobAsync(new DescribeTransformJobRequest { TransformJobName = jobName }, cancellationToken)
            .ConfigureAwait(false);
        return new BatchTransformState(described.TransformJobStatus ?? "", described.FailureReason);
    }

    public Task StopAsync(string jobName, CancellationToken cancellationToken) =>
        sageMaker.StopTransformJobAsync(new StopTransformJobRequest { TransformJobName = jobName }, cancellationToken);
}
