using Pipeline.Aws.SageMaker;

namespace Pipeline.LocalSageMaker.Api;

/// <summary>
/// SageMaker's hosting operations (models, endpoint configurations, endpoints) as LocalSageMaker serves them. Errors
/// are the typed <see cref="Pipeline.Aws.AwsServiceException"/>s the HTTP front turns into the protocol's error bodies.
/// </summary>
public interface IHostingApi
{
    Task<CreateModelResponse> CreateModelAsync(CreateModelRequest request, CancellationToken cancellationToken);
    Task<DescribeModelResponse> DescribeModelAsync(DescribeModelRequest request, CancellationToken cancellationToken);
    Task DeleteModelAsync(DeleteModelRequest request, CancellationToken cancellationToken);
    Task<CreateEndpointConfigResponse> CreateEndpointConfigAsync(CreateEndpointConfigRequest request, CancellationToken cancellationToken);
    Task<DescribeEndpointConfigResponse> DescribeEndpointConfigAsync(DescribeEndpointConfigRequest request, CancellationToken cancellationToken);
    Task DeleteEndpointConfigAsync(DeleteEndpointConfigRequest request, CancellationToken cancellationToken);
    Task<CreateEndpointResponse> CreateEndpointAsync(CreateEndpointRequest request, CancellationToken cancellationToken);
    Task<DescribeEndpointResponse> DescribeEndpointAsync(DescribeEndpointRequest request, CancellationToken cancellationToken);
    Task DeleteEndpointAsync(DeleteEndpointRequest request, CancellationToken cancellationToken);
    Task<UpdateEndpointResponse> UpdateEndpointAsync(UpdateEndpointRequest request, CancellationToken cancellationToken);
    Task<ListModelsResponse> ListModelsAsync(ListModelsRequest request, CancellationToken cancellationToken);
    Task<ListEndpointConfigsResponse> ListEndpointConfigsAsync(ListEndpointConfigsRequest request, CancellationToken cancellationToken);
    Task<ListEndpointsResponse> ListEndpointsAsync(ListEndpointsRequest request, CancellationToken cancellationToken);
}
