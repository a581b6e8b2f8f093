using System.Text.Json;
using Pipeline.Aws;
using Pipeline.Aws.Logs;
using Pipeline.Aws.SageMaker;

namespace Pipeline.LocalSageMaker.Tests.Server;

/// <summary>
/// boto3, the independent client: boto3_client.py makes every call once against scripted APIs (see
/// <see cref="Boto3Session"/>) and reports what boto3 parsed; each test checks one part of it.
/// </summary>
public sealed class When_boto3_drives_the_server(When_boto3_drives_the_server.Boto3Session session)
    : IClassFixture<When_boto3_drives_the_server.Boto3Session>
{
    // Times the scripted APIs answer, and the same instants as epoch seconds worked out with Python's datetime.
    private static readonly DateTimeOffset Created = new(2024, 3, 1, 12, 34, 56, 789, TimeSpan.Zero);
    private const double CreatedEpochSeconds = 1709296496.789;
    private static readonly DateTimeOffset Started = new(2024, 3, 1, 12, 40, 0, TimeSpan.Zero);
    private const double StartedEpochSeconds = 1709296800.0;

    private const string JobArn = "arn:aws:sagemaker:us-east-1:111122223333:training-job/boto3-job";
    private const string Model = "s3://bucket/output/boto3-job/output/model.tar.gz";
    private const string InUseMessage = "Training job names must be unique within an AWS account and region, and a training job with this name already exists.";
    private const string NotFoundMessage = "Requested resource not found.";
    private const string NoStreamMessage = "The specified log stream does not exist.";

    private JsonElement Out => session.Output;

    [Fact]
    public void Create_training_job_sends_the_request_as_given_and_returns_the_arn()
    {
        Assert.Equal(JobArn, Out.GetProperty("create").GetProperty("arn").GetString());
        var request = session.Requests.OfType<CreateTrainingJobRequest>().First(r => r.TrainingJobName == "boto3-job");
        Assert.Equal(5, request.ResourceConfig!.InstanceCount);
        Assert.Equal("ml.c4.2xlarge", request.ResourceConfig.InstanceType);
        Assert.Equal(3600, request.StoppingCondition!.MaxRuntimeInSeconds);
        Assert.Equal("File", request.AlgorithmSpecification!.TrainingInputMode);
        Assert.EndsWith("linear-learner:1", request.AlgorithmSpecification.TrainingImage, StringComparison.Ordinal);
        var channel = Assert.Single(request.InputDataConfig!);
        Assert.Equal("ShardedByS3Key", channel.DataSource!.S3DataSource!.S3DataDistributionType);
        Assert.Equal("s3://bucket/gdelt/train/", channel.DataSource.S3DataSource.S3Uri);
        Assert.Equal(
            new Dictionary<string, string> { ["feature_dim"] = "25", ["mini_batch_size"] = "500", ["predictor_type"] = "regressor" },
            request.HyperParameters);
    }

    [Fact]
    public void Responses_carry_the_request_id_to_boto3()
    {
        Assert.True(Guid.TryParse(Out.GetProperty("create").GetProperty("request_id").GetString(), out _));
        Assert.True(Guid.TryParse(Out.GetProperty("not_found").GetProperty("request_id").GetString(), out _));
    }

    [Fact]
    public void Describe_training_job_arrives_with_its_times_as_aware_datetimes()
    {
        var described = Out.GetProperty("describe");
        Assert.Equal("boto3-job", described.GetProperty("name").GetString());
        Assert.Equal("InProgress", described.GetProperty("status").GetString());
        Assert.Equal("Training", described.GetProperty("secondary_status").GetString());
        AssertInstant(CreatedEpochSeconds, described.GetProperty("creation"));
        AssertInstant(StartedEpochSeconds, described.GetProperty("training_start"));
        Assert.Equal(5, described.GetProperty("instance_count").GetInt32());
        Assert.Equal("ShardedByS3Key", described.GetProperty("distribution").GetString());
        Assert.Equal(42, described.GetProperty("billable_seconds").GetInt32());
        Assert.Equal(Model, described.GetProperty("model").GetString());

        var transitions = described.GetProperty("transitions").EnumerateArray().ToArray();
        Assert.Equal(["Starting", "Training"], transitions.Select(t => t.GetProperty("status").GetString()));
        AssertInstant(CreatedEpochSeconds, transitions[0].GetProperty("start"));
        AssertInstant(StartedEpochSeconds, transitions[0].GetProperty("end"));
        Assert.Equal(JsonValueKind.Null, transitions[1].GetProperty("end").ValueKind);
    }

    [Fact]
    public void List_training_jobs_passes_its_filters_and_returns_the_summaries()
    {
        var listed = Out.GetProperty("list");
        Assert.Equal(["boto3-job", "boto3-older"], listed.GetProperty("names").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(["InProgress", "Completed"], listed.GetProperty("statuses").EnumerateArray().Select(n => n.GetString()));
        AssertInstant(CreatedEpochSeconds, listed.GetProperty("creation")[0]);
        Assert.Equal("page-2", listed.GetProperty("next_token").GetString());

        var request = Assert.Single(session.Requests.OfType<ListTrainingJobsRequest>());
        Assert.Equal(("boto3", 2, "CreationTime", "Descending"), (request.NameContains, request.MaxResults, request.SortBy, request.SortOrder));
    }

    [Fact]
    public void Stop_training_job_returns_nothing_but_its_metadata()
    {
        var stopped = Out.GetProperty("stop");
        Assert.Empty(stopped.GetProperty("members").EnumerateArray());
        Assert.Equal(200, stopped.GetProperty("status").GetInt32());
        Assert.Equal("boto3-job", Assert.Single(session.Requests.OfType<StopTrainingJobRequest>()).TrainingJobName);
    }

    [Fact]
    public void Describe_log_streams_and_get_log_events_return_the_streams_and_events()
    {
        var streams = Out.GetProperty("streams");
        Assert.Equal(["boto3-job/algo-1-1709296800", "boto3-job/algo-2-1709296800"], streams.GetProperty("names").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal([1709296800123L, 1709296800456L], streams.GetProperty("creation").EnumerateArray().Select(n => n.GetInt64()));
        var streamRequest = Assert.Single(session.Requests.OfType<DescribeLogStreamsRequest>());
        Assert.Equal(("/aws/sagemaker/TrainingJobs", "boto3-job/", "LogStreamName"), (streamRequest.LogGroupName, streamRequest.LogStreamNamePrefix, streamRequest.OrderBy));

        var events = Out.GetProperty("events");
        Assert.Equal(["first line", "second line"], events.GetProperty("messages").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal([1709296801000L, 1709296802500L], events.GetProperty("timestamps").EnumerateArray().Select(n => n.GetInt64()));
        Assert.Equal("f/00000000000000000002", events.GetProperty("forward").GetString());
        Assert.Equal("b/00000000000000000000", events.GetProperty("backward").GetString());
        var eventsRequest = session.Requests.OfType<GetLogEventsRequest>().First();
        Assert.Equal(("boto3-job/algo-1-1709296800", true), (eventsRequest.LogStreamName, eventsRequest.StartFromHead));
    }

    [Theory]
    [InlineData("not_found", "ResourceNotFound", NotFoundMessage)]
    [InlineData("in_use", "ResourceInUse", InUseMessage)]
    [InlineData("logs_not_found", "ResourceNotFoundException", NoStreamMessage)]
    public void A_typed_error_is_boto3s_modeled_ClientError_with_its_code_and_message(string call, string code, string message)
    {
        var error = Out.GetProperty(call);
        // botocore names the class after the error shape: sagemaker.exceptions.ResourceNotFound and so on.
        Assert.Equal(code, error.GetProperty("raised").GetString());
        Assert.True(error.GetProperty("modeled").GetBoolean());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.Equal(400, error.GetProperty("status").GetInt32());
    }

    private static void AssertInstant(double expectedEpochSeconds, JsonElement when)
    {
        Assert.Equal("datetime", when.GetProperty("type").GetString());
        Assert.True(when.GetProperty("aware").GetBoolean(), "boto3 gives timezone-aware datetimes");
        Assert.Equal(expectedEpochSeconds, when.GetProperty("epoch").GetDouble(), 3);
    }

    public sealed class Boto3Session : IAsyncLifetime
    {
        private Front? _front;

        public JsonElement Output { get; private set; }

        /// <summary>What both APIs received, in order.</summary>
        public IReadOnlyList<object> Requests => [.. _front!.TrainingJobs.Requests, .. _front.Logs.Requests];

        public async Task InitializeAsync()
        {
            _front = await Front.StartAsync();
            Script(_front);
            Output = JsonDocument.Parse(await Boto3Script.RunAsync("boto3_client.py", _front.Address)).RootElement;
        }

        public async Task DisposeAsync()
        {
            if (_front is not null)
                await _front.DisposeAsync();
        }

        private static void Script(Front front)
        {
            var jobs = front.TrainingJobs;
            jobs.OnCreate = request => request.TrainingJobName == "taken-job"
                ? throw new ResourceInUseException(InUseMessage)
                : new CreateTrainingJobResponse { TrainingJobArn = JobArn };
            jobs.OnDescribe = request => request.TrainingJobName == "missing-job"
                ? throw new ResourceNotFoundException(NotFoundMessage)
                : new DescribeTrainingJobResponse
                {
                    TrainingJobName = request.TrainingJobName,
                    TrainingJobArn = JobArn,
                    TrainingJobStatus = "InProgress",
                    SecondaryStatus = "Training",
                    CreationTime = Created,
                    TrainingStartTime = Started,
                    LastModifiedTime = Started,
                    SecondaryStatusTransitions =
                    [
                        new SecondaryStatusTransition { Status = "Starting", StartTime = Created, EndTime = Started, StatusMessage = "Preparing the instances for training" },
                        new SecondaryStatusTransition { Status = "Training", StartTime = Started, StatusMessage = "Training image download completed. Training in progress." },
                    ],
                    AlgorithmSpecification = new AlgorithmSpecification { TrainingImage = "linear-learner:1", TrainingInputMode = "File" },
                    RoleArn = "arn:aws:iam::111122223333:role/SageMakerRole",
                    InputDataConfig =
                    [
                        new Channel
                        {
                            ChannelName = "train",
                            DataSource = new DataSource { S3DataSource = new S3DataSource { S3DataType = "S3Prefix", S3Uri = "s3://bucket/gdelt/train/", S3DataDistributionType = "ShardedByS3Key" } },
                        },
                    ],
                    OutputDataConfig = new OutputDataConfig { S3OutputPath = "s3://bucket/output" },
                    ResourceConfig = new ResourceConfig { InstanceType = "ml.c4.2xlarge", InstanceCount = 5, VolumeSizeInGB = 10 },
                    StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = 3600 },
                    BillableTimeInSeconds = 42,
                    ModelArtifacts = new ModelArtifacts { S3ModelArtifacts = Model },
                };
            jobs.OnList = _ => new ListTrainingJobsResponse
            {
                TrainingJobSummaries =
                [
                    new TrainingJobSummary { TrainingJobName = "boto3-job", TrainingJobArn = JobArn, CreationTime = Created, TrainingJobStatus = "InProgress" },
                    new TrainingJobSummary { TrainingJobName = "boto3-older", TrainingJobArn = JobArn + "-older", CreationTime = Created.AddDays(-1), TrainingEndTime = Created, TrainingJobStatus = "Completed" },
                ],
                NextToken = "page-2",
            };
            jobs.OnStop = _ => { };

            var logs = front.Logs;
            logs.OnDescribeLogStreams = request => new DescribeLogStreamsResponse
            {
                LogStreams =
                [
                    new LogStream { LogStreamName = request.LogStreamNamePrefix + "algo-1-1709296800", CreationTime = 1709296800123, LastEventTimestamp = 1709296802500 },
                    new LogStream { LogStreamName = request.LogStreamNamePrefix + "algo-2-1709296800", CreationTime = 1709296800456 },
                ],
            };
            logs.OnGetLogEvents = request => request.LogStreamName == "missing-stream"
                ? throw new ResourceNotFoundException(NoStreamMessage)
                : new GetLogEventsResponse
                {
                    Events =
                    [
                        new OutputLogEvent { Timestamp = 1709296801000, Message = "first line", IngestionTime = 1709296801001 },
                        new OutputLogEvent { Timestamp = 1709296802500, Message = "second line", IngestionTime = 1709296802501 },
                    ],
                    NextForwardToken = "f/00000000000000000002",
                    NextBackwardToken = "b/00000000000000000000",
                };
        }
    }
}
