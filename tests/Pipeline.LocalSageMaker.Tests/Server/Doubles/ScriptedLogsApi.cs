using Pipeline.Aws.Logs;
using Pipeline.LocalSageMaker.Api;

namespace Pipeline.LocalSageMaker.Tests.Server.Doubles;

/// <summary>ILogsApi as its test scripts it (see <see cref="ScriptedApi"/>).</summary>
public sealed class ScriptedLogsApi : ScriptedApi, ILogsApi
{
    public Func<DescribeLogStreamsRequest, DescribeLogStreamsResponse> OnDescribeLogStreams { get; set; } = _ => throw NotScripted("DescribeLogStreams");
    public Func<GetLogEventsRequest, GetLogEventsResponse> OnGetLogEvents { get; set; } = _ => throw NotScripted("GetLogEvents");
    public Func<FilterLogEventsRequest, FilterLogEventsResponse> OnFilterLogEvents { get; set; } = _ => throw NotScripted("FilterLogEvents");
    public Func<DescribeLogGroupsRequest, DescribeLogGroupsResponse> OnDescribeLogGroups { get; set; } = _ => throw NotScripted("DescribeLogGroups");

    public Task<DescribeLogGroupsResponse> DescribeLogGroupsAsync(DescribeLogGroupsRequest request, CancellationToken cancellationToken) =>
        Answer(request, OnDescribeLogGroups);

    public Task<DescribeLogStreamsResponse> DescribeLogStreamsAsync(DescribeLogStreamsRequest request, CancellationToken cancellationToken) =>
        Answer(request, OnDescribeLogStreams);

    public Task<GetLogEventsResponse> GetLogEventsAsync(GetLogEventsRequest request, CancellationToken cancellationToken) =>
        Answer(request, OnGetLogEvents);

    public Task<FilterLogEventsResponse> FilterLogEventsAsync(FilterLogEventsRequest request, CancellationToken cancellationToken) =>
        Answer(request, OnFilterLogEvents);
}
