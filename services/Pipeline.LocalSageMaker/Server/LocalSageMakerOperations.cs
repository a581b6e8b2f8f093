using Pipeline.Aws;
using Pipeline.Aws.Json;
using Pipeline.Aws.Logs;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Api;
using Pipeline.LocalSageMaker.Metrics;

namespace Pipeline.LocalSageMaker.Server;

/// <summary>
/// What LocalSageMaker serves over JSON: SageMaker's training-job, hosting and batch transform operations, CloudWatch
/// Logs' read operations and CloudWatch's metric read operations (also served in CBOR: <see cref="CloudWatchEndpoint"/>).
/// </summary>
public static class LocalSageMakerOperations
{
    public const string SageMakerTargetPrefix = "SageMaker";
    public const string LogsTargetPrefix = "Logs_20140328";
    public const string CloudWatchTargetPrefix = CloudWatchEndpoint.ServiceName;

    public static OperationTable<ITrainingJobApi> SageMaker() =>
        new OperationTable<ITrainingJobApi>(SageMakerTargetPrefix, AwsJson.SageMaker)
            .Add<CreateTrainingJobRequest, CreateTrainingJobResponse>("CreateTrainingJob", (api, request, ct) => api.CreateTrainingJobAsync(request, ct))
            .Add<DescribeTrainingJobRequest, DescribeTrainingJobResponse>("DescribeTrainingJob", (api, request, ct) => api.DescribeTrainingJobAsync(request, ct))
            .Add<StopTrainingJobRequest>("StopTrainingJob", (api, request, ct) => api.StopTrainingJobAsync(request, ct))
            .Add<ListTrainingJobsRequest, ListTrainingJobsResponse>("ListTrainingJobs", (api, request, ct) => api.ListTrainingJobsAsync(request, ct));

    /// <summary>SageMaker's hosting operations: a second table on the SageMaker prefix.</summary>
    public static OperationTable<IHostingApi> Hosting() =>
        new OperationTable<IHostingApi>(SageMakerTargetPrefix, AwsJson.SageMaker)
            .Add<CreateModelRequest, CreateModelResponse>("CreateModel", (api, request, ct) => api.CreateModelAsync(request, ct))
            .Add<DescribeModelRequest, DescribeModelResponse>("DescribeModel", (api, request, ct) => api.DescribeModelAsync(request, ct))
            .Add<DeleteModelRequest>("DeleteModel", (api, request, ct) => api.DeleteModelAsync(request, ct))
            .Add<CreateEndpointConfigRequest, CreateEndpointConfigResponse>("CreateEndpointConfig", (api, request, ct) => api.CreateEndpointConfigAsync(request, ct))
            .Add<DescribeEndpointConfigRequest, DescribeEndpointConfigResponse>("DescribeEndpointConfig", (api, request, ct) => api.DescribeEndpointConfigAsync(request, ct))
            .Add<DeleteEndpointConfigRequest>("DeleteEndpointConfig", (api, request, ct) => api.DeleteEndpointConfigAsync(request, ct))
            .Add<CreateEndpointRequest, CreateEndpointResponse>("CreateEndpoint", (api, request, ct) => api.CreateEndpointAsync(request, ct))
            .Add<DescribeEndpointRequest, DescribeEndpointResponse>("DescribeEndpoint", (api, request, ct) => api.DescribeEndpointAsync(request, ct))
            .Add<DeleteEndpointRequest>("DeleteEndpoint", (api, request, ct) => api.DeleteEndpointAsync(request, ct))
            .Add<UpdateEndpointRequest, UpdateEndpointResponse>("UpdateEndpoint", (api, request, ct) => api.UpdateEndpointAsync(request, ct))
            .Add<ListModelsRequest, ListModelsResponse>("ListModels", (api, request, ct) => api.ListModelsAsync(request, ct))
            .Add<ListEndpointConfigsRequest, ListEndpointConfigsResponse>("ListEndpointConfigs", (api, request, ct) => api.ListEndpointConfigsAsync(request, ct))
            .Add<ListEndpointsRequest, ListEndpointsResponse>("ListEndpoints", (api, request, ct) => api.ListEndpointsAsync(request, ct));

    /// <summary>SageMaker's tagging operations, over every kind of resource: a fourth table on the SageMaker prefix.</summary>
    public static OperationTable<ITagsApi> Tags() =>
        new OperationTable<ITagsApi>(SageMakerTargetPrefix, AwsJson.SageMaker)
            .Add<AddTagsRequest, AddTagsResponse>("AddTags", (api, request, ct) => api.AddTagsAsync(request, ct))
            .Add<ListTagsRequest, ListTagsResponse>("ListTags", (api, request, ct) => api.ListTagsAsync(request, ct))
            .Add<DeleteTagsRequest>("DeleteTags", (api, request, ct) => api.DeleteTagsAsync(request, ct));

    /// <summary>SageMaker's batch transform operations: a third table on the SageMaker prefix.</summary>
    public static OperationTable<ITransformJobApi> Transform() =>
        new OperationTable<ITransformJobApi>(SageMakerTargetPrefix, AwsJson.SageMaker)
            .Add<CreateTransformJobRequest, CreateTransformJobResponse>("CreateTransformJob", (api, request, ct) => api.CreateTransformJobAsync(request, ct))
            .Add<DescribeTransformJobRequest, DescribeTransformJobResponse>("DescribeTransformJob", (api, request, ct) => api.DescribeTransformJobAsync(request, ct))
            .Add<StopTransformJobRequest>("StopTransformJob", (api, request, ct) => api.StopTransformJobAsync(request, ct))
            .Add<ListTransformJobsRequest, ListTransformJobsResponse>("ListTransformJobs", (api, request, ct) => api.ListTransformJobsAsync(request, ct));

    public static OperationTable<ILogsApi> Logs() =>
        new OperationTable<ILogsApi>(LogsTargetPrefix, AwsJson.Logs, LogsErrorCode)
            .Add<DescribeLogGroupsRequest, DescribeLogGroupsResponse>("DescribeLogGroups", (api, request, ct) => api.DescribeLogGroupsAsync(request, ct))
            .Add<DescribeLogStreamsRequest, DescribeLogStreamsResponse>("DescribeLogStreams", (api, request, ct) => api.DescribeLogStreamsAsync(request, ct))
            .Add<GetLogEventsRequest, GetLogEventsResponse>("GetLogEvents", (api, request, ct) => api.GetLogEventsAsync(request, ct))
            .Add<FilterLogEventsRequest, FilterLogEventsResponse>("FilterLogEvents", (api, request, ct) => api.FilterLogEventsAsync(request, ct));

    /// <summary>
    /// CloudWatch in AWS JSON 1.0, the protocol botocore 1.43 picks for it (its own order puts json before
    /// smithy-rpc-v2-cbor): same target scheme, PascalCase members, epoch-second timestamps; answered as JSON 1.1 is.
    /// </summary>
    public static OperationTable<IMetricsApi> CloudWatch() =>
        new OperationTable<IMetricsApi>(CloudWatchTargetPrefix, AwsJson.SageMaker, CloudWatchErrorCode)
            .Add<GetMetricStatisticsRequest, GetMetricStatisticsResponse>("GetMetricStatistics", (api, request, ct) => api.GetMetricStatisticsAsync(request, ct))
            .Add<ListMetricsRequest, ListMetricsResponse>("ListMetrics", (api, request, ct) => api.ListMetricsAsync(request, ct));

    /// <summary>
    /// CloudWatch Logs names its errors as its model does (ResourceNotFoundException, InvalidParameterException),
    /// not as SageMaker does (ResourceNotFound, ValidationException); boto3's <c>logs.exceptions</c> match these names.
    /// </summary>
    private static string LogsErrorCode(AwsServiceException error) => error switch
    {
        ResourceNotFoundException => "ResourceNotFoundException",
        ValidationException => "InvalidParameterException",
        _ => error.ErrorCode,
    };

    /// <summary>
    /// CloudWatch's query-protocol codes (InvalidParameterValue, MissingParameter, ...), which botocore matches to
    /// <c>cloudwatch.exceptions.InvalidParameterValueException</c> and its like; a constraint a member breaks is its ValidationError.
    /// </summary>
    private static string CloudWatchErrorCode(AwsServiceException error) => error switch
    {
        ValidationException => "ValidationError",
        _ => error.ErrorCode,
    };
}
