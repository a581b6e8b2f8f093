using Pipeline.Aws.Http;
using Pipeline.Aws.Json;

namespace Pipeline.Aws.SageMaker;

/// <summary>SageMaker's control plane (JSON 1.1, X-Amz-Target SageMaker.&lt;Operation&gt;), named as the official SDK names it.</summary>
public sealed class SageMakerClient(AwsJsonClient json)
{
    public const string TargetPrefix = "SageMaker.";

    public SageMakerClient(AwsRequestSender sender)
        : this(new AwsJsonClient(sender, TargetPrefix, AwsJson.SageMaker))
    {
    }

    public SageMakerPaginators Paginators => new(this);

    public Task<CreateTrainingJobResponse> CreateTrainingJobAsync(CreateTrainingJobRequest request, CancellationToken cancellationToken = default) =>
        json.InvokeAsync<CreateTrainingJobRequest, CreateTrainingJobResponse>("CreateTrainingJob", request, cancellationToken);

    public async Task<DescribeTrainingJobResponse> DescribeTrainingJobAsync(DescribeTrainingJobRequest request, CancellationToken cancellationToken = default)
    {
        try
        {
            return await json.InvokeAsync<DescribeTrainingJobRequest, DescribeTrainingJobResponse>("DescribeTrainingJob", request, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (ValidationException e) when (IsMissingTrainingJob(e))
        {
            throw MissingTrainingJob(e);
        }
    }

    public async Task StopTrainingJobAsync(StopTrainingJobRequest request, CancellationToken cancellationToken = default)
    {
        try
        {
            await json.InvokeAsync("StopTrainingJob", request, cancellationToken).ConfigureAwait(false);
        }
        catch (ValidationException e) when (IsMissingTrainingJob(e))
        {
            throw MissingTrainingJob(e);
        }
    }

    /// <summary>
    /// SageMaker answers a training job it does not have with ValidationException "Requested resource not found." (its
    /// API model says ResourceNotFound, which it does not send); callers get a ResourceNotFoundException for either,
    /// keeping the service's code.
    /// </summary>
    private static bool IsMissingTrainingJob(ValidationException error) =>
        error.ServiceMessage.StartsWith("Requested resource not found", StringComparison.OrdinalIgnoreCase);

    private static ResourceNotFoundException MissingTrainingJob(ValidationException error) =>
        new(error.ServiceMessage, error.ErrorCode, error.StatusCode);

    public Task<ListTrainingJobsResponse> ListTrainingJobsAsync(ListTrainingJobsRequest request, CancellationToken cancellationToken = default) =>
        json.InvokeAsync<ListTrainingJobsRequest, ListTrainingJobsResponse>("ListTrainingJobs", request, cancellationToken);

    public Task<CreateModelResponse> CreateModelAsync(CreateModelRequest request, CancellationToken cancellationToken = default) =>
        json.InvokeAsync<CreateModelRequest, CreateModelResponse>("CreateModel", request, cancellationToken);

    public Task<DescribeModelResponse> DescribeModelAsync(DescribeModelRequest request, CancellationToken cancellationToken = default) =>
        json.InvokeAsync<DescribeModelRequest, DescribeModelResponse>("DescribeModel", request, cancellationToken);

    public Task DeleteModelAsync(DeleteModelRequest request, CancellationToken cancellationToken = default) =>
        json.InvokeAsync("DeleteModel", request, cancellationToken);

    public Task<CreateEndpointConfigResponse> CreateEndpointConfigAsync(CreateEndpointConfigRequest request, CancellationToken cancellationToken = default) =>
        json.InvokeAsync<CreateEndpointConfigRequest, CreateEndpointConfigResponse>("CreateEndpointConfig", request, cancellationToken);

    public Task<DescribeEndpointConfigResponse> DescribeEndpointConfigAsync(DescribeEndpointConfigRequest request, CancellationToken cancellationToken = default) =>
        json.InvokeAsync<DescribeEndpointConfigRequest, DescribeEndpointConfigResponse>("DescribeEndpointConfig", request, cancellationToken);

    public Task DeleteEndpointConfigAsync(DeleteEndpointConfigRequest request, CancellationToken cancellationToken = default) =>
        json.InvokeAsync("DeleteEndpointConfig", request, cancellationToken);

    public Task<CreateEndpointResponse> CreateEndpointAsync(CreateEndpointRequest request, CancellationToken cancellationToken = default) =>
        json.InvokeAsync<CreateEndpointRequest, CreateEndpointResponse>("CreateEndpoint", request, cancellationToken);

    public Task<DescribeEndpointResponse> DescribeEndpointAsync(DescribeEndpointRequest request, CancellationToken cancellationToken = default) =>
        json.InvokeAsync<DescribeEndpointRequest, DescribeEndpointResponse>("DescribeEndpoint", request, cancellationToken);

    public Task DeleteEndpointAsync(DeleteEndpointRequest request, CancellationToken cancellationToken = default) =>
        json.InvokeAsync("DeleteEndpoint", request, cancellationToken);

    public Task<CreateTransformJobResponse> CreateTransformJobAsync(CreateTransformJobRequest request, CancellationToken cancellationToken = default) =>
        json.InvokeAsync<CreateTransformJobRequest, CreateTransformJobResponse>("CreateTransformJob", request, cancellationToken);

    public Task<DescribeTransformJobResponse> DescribeTransformJobAsync(DescribeTransformJobRequest request, CancellationToken cancellationToken = default) =>
        json.InvokeAsync<DescribeTransformJobRequest, DescribeTransformJobResponse>("DescribeTransformJob", request, cancellationToken);

    public Task StopTransformJobAsync(StopTransformJobRequest request, CancellationToken cancellationToken = default) =>
        json.InvokeAsync("StopTransformJob", request, cancellationToken);

    public Task<ListModelsResponse> ListModelsAsync(ListModelsRequest request, CancellationToken cancellationToken = default) =>
        json.InvokeAsync<ListModelsRequest, ListModelsResponse>("ListModels", request, cancellationToken);

    public Task<ListEndpointConfigsResponse> ListEndpointConfigsAsync(ListEndpointConfigsRequest request, CancellationToken cancellationToken = default) =>
        json.InvokeAsync<ListEndpointConfigsRequest, ListEndpointConfigsResponse>("ListEndpointConfigs", request, cancellationToken);

    public Task<ListEndpointsResponse> ListEndpointsAsync(ListEndpointsRequest request, CancellationToken cancellationToken = default) =>
        json.InvokeAsync<ListEndpointsRequest, ListEndpointsResponse>("ListEndpoints", request, cancellationToken);

    public Task<ListTagsResponse> ListTagsAsync(ListTagsRequest request, CancellationToken cancellationToken = default) =>
        json.InvokeAsync<ListTagsRequest, ListTagsResponse>("ListTags", request, cancellationToken);
}

/// <summary>The paged operations, followed to the last page.</summary>
public sealed class SageMakerPaginators(SageMakerClient client)
{
    public Paginator<ListTrainingJobsResponse, TrainingJobSummary> ListTrainingJobs(ListTrainingJobsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(
            (token, ct) => client.ListTrainingJobsAsync(request with { NextToken = token }, ct),
            page => page.NextToken,
            page => page.TrainingJobSummaries,
            request.NextToken);
    }

    public Paginator<ListModelsResponse, ModelSummary> ListModels(ListModelsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new((token, ct) => client.ListModelsAsync(request with { NextToken = token }, ct), page => page.NextToken, page => page.Models,
            request.NextToken);
    }

    public Paginator<ListEndpointConfigsResponse, EndpointConfigSummary> ListEndpointConfigs(ListEndpointConfigsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new((token, ct) => client.ListEndpointConfigsAsync(request with { NextToken = token }, ct), page => page.NextToken,
            page => page.EndpointConfigs, request.NextToken);
    }

    public Paginator<ListEndpointsResponse, EndpointSummary> ListEndpoints(ListEndpointsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new((token, ct) => client.ListEndpointsAsync(request with { NextToken = token }, ct), page => page.NextToken,
            page => page.Endpoints, request.NextToken);
    }

    public Paginator<ListTagsResponse, Tag> ListTags(ListTagsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new((token, ct) => client.ListTagsAsync(request with { NextToken = token }, ct), page => page.NextToken, page => page.Tags,
            request.NextToken);
    }
}
