using Pipeline.Aws.SageMaker;

namespace Pipeline.LocalSageMaker.Api;

/// <summary>
/// SageMaker's training-job operations as LocalSageMaker serves them. Errors are the typed
/// <see cref="Pipeline.Aws.AwsServiceException"/>s the HTTP front turns into the protocol's error bodies.
/// </summary>
public interface ITrainingJobApi
{
    Task<CreateTrainingJobResponse> CreateTrainingJobAsync(CreateTrainingJobRequest request, CancellationToken cancellationToken);
    Task<DescribeTrainingJobResponse> DescribeTrainingJobAsync(DescribeTrainingJobRequest request, CancellationToken cancellationToken);
    Task StopTrainingJobAsync(StopTrainingJobRequest request, CancellationToken cancellationToken);
    Task<ListTrainingJobsResponse> ListTrainingJobsAsync(ListTrainingJobsRequest request, CancellationToken cancellationToken);
}
