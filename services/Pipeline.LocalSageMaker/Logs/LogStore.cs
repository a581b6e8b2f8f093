using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Pipeline.Aws;
using Pipeline.Aws.Logs;
using Pipeline.LocalSageMaker.Api;
using Pipeline.LocalSageMaker.Hosting;
using Pipeline.LocalSageMaker.Training;

namespace Pipeline.LocalSageMaker.Logs;

/// <summary>
/// CloudWatch Logs as LocalSageMaker keeps them: groups of streams in memory, which the training engine writes and
/// the Logs read operations serve. Errors are those CloudWatch answers (ResourceNotFound for a missing group or stream;
/// ValidationException where CloudWatch says InvalidParameterException).
/// </summary>
public sealed class LogStore(IOptions<LocalSageMakerOptions> options, TimeProvider time) : ILogsApi, IEndpointLogs
{
    public const string TrainingJobsGroup = "/aws/sagemaker/TrainingJobs";
    public const string GroupNotFound = "The specified log group does not exist.";
    public const string StreamNotFound = "The specified log stream does not exist.";
    private const int MaxStreamsPerPage = 50;
    private const int MaxGroupsPerPage = 50;
    private const int MaxEventsPerPage = 10_000;
    private const int MaxResponseBytes = 1_048_576;

    private readonly ConcurrentDictionary<string, LogGroup> _groups = new(StringComparer.Ordinal);
    private readonly LocalSageMakerOptions _options = options.Value;

    IHostLog IEndpointLogs.OpenStream(string logGroupName, string logStreamName) => CreateStream(logGroupName, logStreamName);

    /// <summary>Creates a stream (and its group, the first time), or returns the one of that name.</summary>
    public StoredLogStream CreateStream(string groupName, string streamName)
    {
        var group = _groups.GetOrAdd(groupName, name => new LogGroup(name, time.GetUtcNow().ToUnixTimeMilliseconds()));
        return group.GetOrCreate(streamName, ordinal => new StoredLogStream(
            streamName,
            $"{GroupArn(groupName)}:log-stream:{streamName}",
            ordinal,
            time,
            _options.MaxEventsPerLogStream));
    }

    /// <summary>
    /// The groups by name, filtered by a name prefix or a (case-sensitive) substring pattern, not both; pages of up
    /// to 50 whose token is the last name given, so groups created meanwhile cannot shift the pages.
    /// </summary>
    public Task<DescribeLogGroupsResponse> DescribeLogGroupsAsync(DescribeLogGroupsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limit = Limit(request.Limit, MaxGroupsPerPage);
        if (request.LogGroupNamePrefix is not null && request.LogGroupNamePattern is not null)
            throw new ValidationException("LogGroupNamePrefix and LogGroupNamePattern are mutually exclusive. Only one of these parameters can be passed in a single request.");
        var groups = _groups.Values
            .Where(g => request.LogGroupNamePrefix is not { } prefix || g.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Where(g => request.LogGroupNamePattern is not { } pattern || g.Name.Contains(pattern, StringComparison.Ordinal))
            .OrderBy(g => g.Name, StringComparer.Ordinal)
            .ToList();
        var start = 0;
        if (request.NextToken is { } token)
        {
            var cursor = Decode(token);
            if (!cursor.StartsWith("g:", StringComparison.Ordinal))
                throw InvalidToken();
            while (start < groups.Count && string.CompareOrdinal(groups[start].Name, cursor[2..]) <= 0)
                start++;
        }

        var page = groups.Skip(start).Take(limit).ToList();
        return Task.FromResult(new DescribeLogGroupsResponse
        {
            LogGroups = page.ConvertAll(g => new LogGroupDescription
            {
                LogGroupName = g.Name,
                CreationTime = g.CreationTime,
                MetricFilterCount = 0,
                Arn = $"{GroupArn(g.Name)}:*",
                LogGroupArn = GroupArn(g.Name),
                StoredBytes = 0,
                LogGroupClass = "STANDARD",
            }),
            NextToken = start + page.Count < groups.Count ? Encode($"g:{page[^1].Name}") : null,
        });
    }

    public Task<DescribeLogStreamsResponse> DescribeLogStreamsAsync(DescribeLogStreamsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var group = Group(request.LogGroupName);
        var limit = Limit(request.Limit, MaxStreamsPerPage);
        var byName = request.OrderBy is null or "LogStreamName";
        if (!byName && request.OrderBy != "LastEventTime")
            throw new ValidationException($"1 validation error detected: Value '{request.OrderBy}' at 'orderBy' failed to satisfy constraint: Member must satisfy enum value set: [LastEventTime, LogStreamName]");
        if (!byName && request.LogStreamNamePrefix is not null)
            throw new ValidationException("Cannot order by LastEventTime with a logStreamNamePrefix.");

        var streams = group.Streams();
        if (request.LogStreamNamePrefix is { } prefix)
            streams.RemoveAll(s => !s.Name.StartsWith(prefix, StringComparison.Ordinal));
        if (byName)
            streams.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        else
            streams.Sort((a, b) => (a.LastEventTimestamp ?? a.CreationTime).CompareTo(b.LastEventTimestamp ?? b.CreationTime) is var c and not 0 ? c : string.CompareOrdinal(a.Name, b.Name));
        if (request.Descending == true)
            streams.Reverse();

        // By name, the token is the last name given (streams created meanwhile cannot shift the pages); by time, an offset.
        var start = 0;
        if (request.NextToken is { } token)
        {
            var cursor = Decode(token);
            if (byName && cursor.StartsWith("n:", StringComparison.Ordinal))
            {
                var after = cursor[2..];
                var sign = request.Descending == true ? -1 : 1;
                while (start < streams.Count && sign * string.CompareOrdinal(streams[start].Name, after) <= 0)
                    start++;
            }
            else if (!byName && cursor.StartsWith("o:", StringComparison.Ordinal) && int.TryParse(cursor[2..], CultureInfo.InvariantCulture, out var offset) && offset >= 0)
            {
                start = Math.Min(offset, streams.Count);
            }
            else
            {
                throw InvalidToken();
            }
        }

        var page = streams.Skip(start).Take(limit).ToList();
        var more = start + page.Count < streams.Count;
        return Task.FromResult(new DescribeLogStreamsResponse
        {
            LogStreams = page.ConvertAll(s => s.Describe()),
            NextToken = !more ? null : Encode(byName ? $"n:{page[^1].Name}" : $"o:{start + page.Count}"),
        });
    }

    public Task<GetLogEventsResponse> GetLogEventsAsync(GetLogEventsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var group = Group(request.LogGroupName);
        if (request.LogStreamName is null)
            throw NotNull("logStreamName");
        var stream = group.Find(request.LogStreamName) ?? throw new ResourceNotFoundException(StreamNotFound);
        var limit = Limit(request.Limit, MaxEventsPerPage);

        // Tokens are f/<sequence> (read forward from that event) and b/<sequence> (read backward from just before it).
        long? from = null;
        var forward = request.StartFromHead == true;
        if (request.NextToken is { } token)
        {
            if (token.Length < 3 || token[1] != '/' || token[0] is not ('f' or 'b')
                || !long.TryParse(token.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
                throw InvalidToken();
            from = sequence;
            forward = token[0] == 'f';
        }

        var (events, position) = stream.Read(from, forward, request.StartTime, request.EndTime, limit, MaxResponseBytes);
        // At either end, the token given comes back, which is how readers know they have reached it.
        return Task.FromResult(new GetLogEventsResponse
        {
            Events = events.ConvertAll(e => new OutputLogEvent { Timestamp = e.Timestamp, Message = e.Message, IngestionTime = e.IngestionTime }),
            NextForwardToken = string.Create(CultureInfo.InvariantCulture, $"f/{(events.Count > 0 ? events[^1].Sequence + 1 : position)}"),
            NextBackwardToken = string.Create(CultureInfo.InvariantCulture, $"b/{(events.Count > 0 ? events[0].Sequence : position)}"),
        });
    }

    public Task<FilterLogEventsResponse> FilterLogEventsAsync(FilterLogEventsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var group = Group(request.LogGroupName);
        if (request.LogStreamNames is not null && request.LogStreamNamePrefix is not null)
            throw new ValidationException("logStreamNames and logStreamNamePrefix cannot both be specified.");
        var limit = Limit(request.Limit, MaxEventsPerPage);
        var pattern = LogFilterPattern.Parse(request.FilterPattern);

        var streams = group.Streams();
        if (request.LogStreamNames is { } names)
            streams.RemoveAll(s => !names.Contains(s.Name));
        else if (request.LogStreamNamePrefix is { } prefix)
            streams.RemoveAll(s => !s.Name.StartsWith(prefix, StringComparison.Ordinal));
        streams.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));

        var found = new List<(StoredLogStream Stream, StoredLogEvent Event)>();
        foreach (var stream in streams)
            foreach (var e in stream.Matching(request.StartTime, request.EndTime, pattern))
                found.Add((stream, e));
        found.Sort(static (a, b) => Compare(Key(a), Key(b)));

        // The token is the (timestamp, stream, sequence) of the last event given: the next page starts after it.
        var start = 0;
        if (request.NextToken is { } token)
        {
            var parts = Decode(token).Split(':');
            if (parts.Length != 4 || parts[0] != "c"
                || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var timestamp)
                || !int.TryParse(parts[2], CultureInfo.InvariantCulture, out var ordinal)
                || !long.TryParse(parts[3], CultureInfo.InvariantCulture, out var sequence))
                throw InvalidToken();
            while (start < found.Count && Compare(Key(found[start]), (timestamp, ordinal, sequence)) <= 0)
                start++;
        }

        var page = new List<FilteredLogEvent>();
        var budget = MaxResponseBytes;
        var end = start;
        for (; end < found.Count && page.Count < limit; end++)
        {
            var (stream, e) = found[end];
            if ((budget -= StoredLogStream.Cost(e)) < 0)
                break;
            page.Add(new FilteredLogEvent
            {
                LogStreamName = stream.Name,
                Timestamp = e.Timestamp,
                Message = e.Message,
                IngestionTime = e.IngestionTime,
                EventId = string.Create(CultureInfo.InvariantCulture, $"{stream.Ordinal}-{e.Sequence}"),
            });
        }

        var last = end > start ? Key(found[end - 1]) : default;
        return Task.FromResult(new FilterLogEventsResponse
        {
            Events = page,
            SearchedLogStreams = streams.ConvertAll(s => new SearchedLogStream { LogStreamName = s.Name, SearchedCompletely = true }),
            NextToken = end < found.Count ? Encode(string.Create(CultureInfo.InvariantCulture, $"c:{last.Timestamp}:{last.Ordinal}:{last.Sequence}")) : null,
        });

        static (long Timestamp, int Ordinal, long Sequence) Key((StoredLogStream Stream, StoredLogEvent Event) x) =>
            (x.Event.Timestamp, x.Stream.Ordinal, x.Event.Sequence);

        static int Compare((long, int, long) a, (long, int, long) b) => a.CompareTo(b);
    }

    private string GroupArn(string groupName) => $"arn:aws:logs:{_options.Region}:{_options.AccountId}:log-group:{groupName}";

    private LogGroup Group(string? name) =>
        name is null ? throw NotNull("logGroupName")
        : _groups.TryGetValue(name, out var group) ? group
        : throw new ResourceNotFoundException(GroupNotFound);

    private static int Limit(int? limit, int max)
    {
        if (limit is null)
            return max;
        if (limit >= 1 && limit <= max)
            return limit.Value;
        var constraint = limit < 1 ? "greater than or equal to 1" : string.Create(CultureInfo.InvariantCulture, $"less than or equal to {max}");
        throw new ValidationException(string.Create(CultureInfo.InvariantCulture,
            $"1 validation error detected: Value '{limit}' at 'limit' failed to satisfy constraint: Member must have value {constraint}"));
    }

    private static ValidationException NotNull(string member) =>
        new($"1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null");

    private static ValidationException InvalidToken() => new("The specified nextToken is invalid.");

    private static string Encode(string cursor) => Convert.ToBase64String(Encoding.UTF8.GetBytes(cursor));

    private static string Decode(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw InvalidToken();
        }
    }
}
