using System.Net;
using Pipeline.Aws.SageMaker;

namespace Pipeline.LocalSageMaker.Tests.Server;

public sealed class When_a_SageMaker_operation_is_called
{
    // 2024-03-01T12:34:56.789Z and 12:40:00Z as seconds since the epoch (worked out with Python's datetime).
    private static readonly DateTimeOffset Created = new(2024, 3, 1, 12, 34, 56, 789, TimeSpan.Zero);
    private const double CreatedEpochSeconds = 1709296496.789;
    private static readonly DateTimeOffset Started = new(2024, 3, 1, 12, 40, 0, TimeSpan.Zero);
    private const double StartedEpochSeconds = 1709296800.0;

    [Fact]
    public async Task Describe_reaches_the_training_job_api_with_the_request_body()
    {
        await using var front = await Front.StartAsync();
        front.TrainingJobs.OnDescribe = request => new DescribeTrainingJobResponse { TrainingJobName = request.TrainingJobName };

        var answer = await front.PostAsync("SageMaker.DescribeTrainingJob", """{"TrainingJobName":"sharded-1"}""");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var request = Assert.IsType<DescribeTrainingJobRequest>(Assert.Single(front.TrainingJobs.Requests));
        Assert.Equal("sharded-1", request.TrainingJobName);
        Assert.Equal("sharded-1", answer.Json.GetProperty("TrainingJobName").GetString());
    }

    [Fact]
    public async Task Answers_with_PascalCase_members_and_epoch_second_timestamps()
    {
        await using var front = await Front.StartAsync();
        front.TrainingJobs.OnDescribe = _ => new DescribeTrainingJobResponse
        {
            TrainingJobStatus = "InProgress",
            SecondaryStatus = "Training",
            CreationTime = Created,
            SecondaryStatusTransitions = [new SecondaryStatusTransition { Status = "Starting", StartTime = Created, EndTime = Started }],
        };

        var json = (await front.PostAsync("SageMaker.DescribeTrainingJob", """{"TrainingJobName":"j"}""")).Json;

        Assert.Equal("InProgress", json.GetProperty("TrainingJobStatus").GetString());
        Assert.Equal("Training", json.GetProperty("SecondaryStatus").GetString());
        Assert.Equal(CreatedEpochSeconds, json.GetProperty("CreationTime").GetDouble(), 3);
        var transition = Assert.Single(json.GetProperty("SecondaryStatusTransitions").EnumerateArray());
        Assert.Equal("Starting", transition.GetProperty("Status").GetString());
        Assert.Equal(StartedEpochSeconds, transition.GetProperty("EndTime").GetDouble(), 3);
        // Members the API left unset are absent, as AWS sends them, not null.
        Assert.False(json.TryGetProperty("FailureReason", out _));
    }

    [Fact]
    public async Task Create_and_list_reach_their_operations()
    {
        await using var front = await Front.StartAsync();
        front.TrainingJobs.OnCreate = request => new CreateTrainingJobResponse { TrainingJobArn = $"arn:job/{request.TrainingJobName}" };
        front.TrainingJobs.OnList = request => new ListTrainingJobsResponse
        {
            TrainingJobSummaries = [new TrainingJobSummary { TrainingJobName = request.NameContains, CreationTime = Created }],
            NextToken = "page-2",
        };

        var created = await front.PostAsync("SageMaker.CreateTrainingJob",
            """{"TrainingJobName":"replicated-1","ResourceConfig":{"InstanceType":"ml.m5.large","InstanceCount":5,"VolumeSizeInGB":10},"HyperParameters":{"feature_dim":"25"}}""");
        var listed = await front.PostAsync("SageMaker.ListTrainingJobs",
            """{"NameContains":"replicated","MaxResults":10,"CreationTimeAfter":1709296496.789}""");

        Assert.Equal("arn:job/replicated-1", created.Json.GetProperty("TrainingJobArn").GetString());
        var summary = Assert.Single(listed.Json.GetProperty("TrainingJobSummaries").EnumerateArray());
        Assert.Equal("replicated", summary.GetProperty("TrainingJobName").GetString());
        Assert.Equal("page-2", listed.Json.GetProperty("NextToken").GetString());

        var requests = front.TrainingJobs.Requests.ToArray();
        var create = Assert.IsType<CreateTrainingJobRequest>(requests[0]);
        Assert.Equal(5, create.ResourceConfig!.InstanceCount);
        Assert.Equal("25", create.HyperParameters!["feature_dim"]);
        var list = Assert.IsType<ListTrainingJobsRequest>(requests[1]);
        Assert.Equal(10, list.MaxResults);
        Assert.Equal(Created, list.CreationTimeAfter);
    }

    [Fact]
    public async Task Stop_answers_an_empty_object()
    {
        await using var front = await Front.StartAsync();
        front.TrainingJobs.OnStop = _ => { };

        var answer = await front.PostAsync("SageMaker.StopTrainingJob", """{"TrainingJobName":"sharded-1"}""");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("{}", answer.Body);
        Assert.Equal("sharded-1", Assert.IsType<StopTrainingJobRequest>(Assert.Single(front.TrainingJobs.Requests)).TrainingJobName);
    }

    [Fact]
    public async Task Answers_in_json_1_1_with_a_request_id_of_its_own_for_each_request()
    {
        await using var front = await Front.StartAsync();
        front.TrainingJobs.OnList = _ => new ListTrainingJobsResponse { TrainingJobSummaries = [] };

        var first = await front.PostAsync("SageMaker.ListTrainingJobs", "{}");
        var second = await front.PostAsync("SageMaker.ListTrainingJobs", "{}");

        Assert.Equal("application/x-amz-json-1.1", first.ContentType);
        Assert.True(Guid.TryParse(first.RequestId, out _), $"x-amzn-RequestId '{first.RequestId}' is not a UUID");
        Assert.True(Guid.TryParse(second.RequestId, out _), $"x-amzn-RequestId '{second.RequestId}' is not a UUID");
        Assert.NotEqual(first.RequestId, second.RequestId);
    }

    [Fact]
    public async Task Accepts_a_SigV4_authorization_it_does_not_verify()
    {
        await using var front = await Front.StartAsync();
        front.TrainingJobs.OnList = _ => new ListTrainingJobsResponse { TrainingJobSummaries = [] };

        var answer = await front.PostAsync("SageMaker.ListTrainingJobs", "{}", request =>
        {
            request.Headers.TryAddWithoutValidation("Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240301/us-east-1/sagemaker/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=0000");
            request.Headers.Add("X-Amz-Date", "20240301T123456Z");
        });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Fact]
    public async Task An_empty_body_is_a_request_without_members()
    {
        await using var front = await Front.StartAsync();
        front.TrainingJobs.OnList = _ => new ListTrainingJobsResponse { TrainingJobSummaries = [] };

        var answer = await front.PostAsync("SageMaker.ListTrainingJobs", "");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(new ListTrainingJobsRequest(), Assert.Single(front.TrainingJobs.Requests));
    }
}
