using System.Net;

namespace Pipeline.LocalSageMaker.Tests.Server;

public sealed class When_the_request_is_not_understood
{
    [Theory]
    [InlineData(null, "missing header")]
    [InlineData("", "empty header")]
    [InlineData("DynamoDB_20120810.ListTables", "a service not served")]
    [InlineData("SageMaker", "no operation")]
    [InlineData("SageMaker.CreateHyperParameterTuningJob", "an operation SageMaker has but is not served here")]
    [InlineData("SageMaker.describeTrainingJob", "wrong case: targets are exact")]
    [InlineData("Logs_20140328.PutLogEvents", "a Logs operation not served")]
    public async Task A_target_that_names_no_operation_served_is_UnknownOperationException(string? target, string why)
    {
        await using var front = await Front.StartAsync();

        var answer = await front.PostAsync(target, "{}");

        Assert.True(answer.Status == HttpStatusCode.BadRequest, $"{why}: {answer.Status}");
        Assert.Equal("UnknownOperationException", answer.Error.Code);
        Assert.NotEmpty(answer.Error.Message);
        Assert.Empty(front.TrainingJobs.Requests);
        Assert.Empty(front.Logs.Requests);
    }

    [Theory]
    [InlineData("SageMaker.DescribeTrainingJob", "{\"TrainingJobName\":", "truncated JSON")]
    [InlineData("SageMaker.DescribeTrainingJob", "TrainingJobName=x", "not JSON at all")]
    [InlineData("SageMaker.ListTrainingJobs", "{\"MaxResults\":\"ten\"}", "a string where a number belongs")]
    [InlineData("SageMaker.ListTrainingJobs", "{\"CreationTimeAfter\":true}", "a boolean where a timestamp belongs")]
    [InlineData("SageMaker.ListTrainingJobs", "[]", "an array, not an object")]
    [InlineData("SageMaker.ListTrainingJobs", "null", "null, not an object")]
    [InlineData("Logs_20140328.GetLogEvents", "{\"startFromHead\":\"yes\"}", "a string where a boolean belongs")]
    public async Task A_body_that_does_not_fit_the_shape_is_SerializationException(string target, string body, string why)
    {
        await using var front = await Front.StartAsync();

        var answer = await front.PostAsync(target, body);

        Assert.True(answer.Status == HttpStatusCode.BadRequest, $"{why}: {answer.Status}");
        Assert.Equal("SerializationException", answer.Error.Code);
        Assert.Contains(target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..], answer.Error.Message, StringComparison.Ordinal);
        Assert.Empty(front.TrainingJobs.Requests);
        Assert.Empty(front.Logs.Requests);
    }

    [Fact]
    public async Task A_wrongly_typed_member_is_named_by_its_path()
    {
        await using var front = await Front.StartAsync();

        var answer = await front.PostAsync("SageMaker.ListTrainingJobs", """{"NameContains":"x","MaxResults":"ten"}""");

        Assert.Contains("$.MaxResults", answer.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_POST_to_the_root_is_served()
    {
        await using var front = await Front.StartAsync();

        var get = await front.SendAsync(new HttpRequestMessage(HttpMethod.Get, front.Address));
        var elsewhere = await front.PostAsync("SageMaker.ListTrainingJobs", "{}", request => request.RequestUri = new Uri(front.Address, "/other"));

        Assert.NotEqual(HttpStatusCode.OK, get.Status);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.Status);
        Assert.Empty(front.TrainingJobs.Requests);
    }
}
