using Pipeline.Aws.SageMaker;

namespace Pipeline.LocalSageMaker.Api;

/// <summary>
/// SageMaker's batch transform operations as LocalSageMaker serves them. Errors are the typed
/// <see cref="Pipeline.Aws.AwsServiceException"/>s the HTTP front turns into the protocol's error bodies.
/// </summary>
public interface ITransformJobApi
{
    Task<CreateTransformJobResponse> CreateTransformJobAsync(CreateTransformJobRequest request, CancellationToken cancellationToken);
    Task<DescribeTransformJobResponse> DescribeTransformJobAsync(DescribeTransformJobRequest request, CancellationToken cancellationToken);
    Task StopTransformJobAsync(StopTransformJobRequest request, CancellationToken cancellationToken);
    Task<ListTransformJobsResponse> ListTransformJobsAsync(ListTransformJobsRequest request, CancellationToken cancellationToken);
}
