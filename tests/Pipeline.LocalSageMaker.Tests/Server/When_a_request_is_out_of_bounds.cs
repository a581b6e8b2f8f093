using System.Net;
using System.Text;
using Pipeline.LocalSageMaker.Tests.Hosting;

namespace Pipeline.LocalSageMaker.Tests.Server;

/// <summary>Requests that used to reach the engines as 500s: a null list member, a body over the limit.</summary>
public sealed class When_a_request_is_out_of_bounds
{
    [Fact]
    public async Task A_null_production_variant_is_a_ValidationException_naming_it()
    {
        await using var harness = await HostingHarness.StartAsync();
        using var http = new HttpClient();

        using var response = await http.SendAsync(Json(harness.Address, "SageMaker.CreateEndpointConfig",
            """{"EndpointConfigName":"nulls","ProductionVariants":[null]}"""));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"__type\":\"ValidationException\"", body, StringComparison.Ordinal);
        Assert.Contains("Value null at 'productionVariants.1.member' failed to satisfy constraint: Member must not be null", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"TrainingJobName":"nulls","AlgorithmSpecification":{"TrainingImage":"x/linear-learner:1","TrainingInputMode":"File","MetricDefinitions":[null]}}""", "algorithmSpecification.metricDefinitions.1.member")]
    [InlineData("""{"TrainingJobName":"nulls","InputDataConfig":[{"ChannelName":"train"},null]}""", "inputDataConfig.2.member")]
    [InlineData("""{"TrainingJobName":"nulls","Tags":[null]}""", "tags.1.member")]
    public async Task A_null_in_a_list_of_CreateTrainingJob_is_a_ValidationException(string request, string member)
    {
        await using var front = await Front.StartAsync();

        var answer = await front.PostAsync("SageMaker.CreateTrainingJob", request);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("ValidationException", answer.Error.Code);
        Assert.Contains($"Value null at '{member}'", answer.Error.Message, StringComparison.Ordinal);
        Assert.Empty(front.TrainingJobs.Requests);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_not_500()
    {
        await using var front = await Front.StartAsync();
        // Beyond Kestrel's own 30 MB limit, which used to surface as an InternalFailure.
        var body = "{\"TrainingJobName\":\"" + new string('a', 31 * 1024 * 1024) + "\"}";

        // Expect: 100-continue lets the client hear the answer instead of a reset while it is still sending.
        var answer = await front.PostAsync("SageMaker.DescribeTrainingJob", body, r => r.Headers.ExpectContinue = true);
        var overOwnLimit = await front.PostAsync("SageMaker.DescribeTrainingJob", "{\"TrainingJobName\":\"" + new string('a', 5 * 1024 * 1024) + "\"}",
            r => r.Headers.ExpectContinue = true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, overOwnLimit.Status);
        Assert.Equal("RequestEntityTooLargeException", overOwnLimit.Error.Code);
    }

    private static HttpRequestMessage Json(Uri address, string target, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.1") };
        request.Headers.Add("X-Amz-Target", target);
        return request;
    }
}
