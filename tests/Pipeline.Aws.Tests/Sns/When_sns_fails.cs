using System.Net;
using Pipeline.Aws.Sns;
using Pipeline.Aws.Tests.Http;

namespace Pipeline.Aws.Tests.Sns;

/// <summary>SNS's XML ErrorResponse read into the typed errors, and retried as the other clients retry.</summary>
public sealed class When_sns_fails
{
    private static Task Publish(AwsClients clients) =>
        clients.Sns.PublishAsync(new PublishRequest { TopicArn = "arn:aws:sns:eu-west-1:123456789012:t", Message = "m" });

    [Fact]
    public async Task NotFound_is_a_ResourceNotFoundException_keeping_SNSs_code_and_status()
    {
        using var server = new RecordingHttpServer(SnsReplies.Error(404, "NotFound", "Topic does not exist"));
        using var clients = LoopbackClients.For(server, maxAttempts: 3);

        var error = await Assert.ThrowsAsync<ResourceNotFoundException>(() => Publish(clients));

        Assert.Equal(("NotFound", HttpStatusCode.NotFound, "Topic does not exist"), (error.ErrorCode, error.StatusCode, error.ServiceMessage));
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData("InvalidParameter")]
    [InlineData("InvalidParameterValue")]
    public async Task A_refused_parameter_is_a_ValidationException_not_retried(string code)
    {
        using var server = new RecordingHttpServer(SnsReplies.Error(400, code, "Invalid parameter: Message too long"));
        using var clients = LoopbackClients.For(server, maxAttempts: 3);

        var error = await Assert.ThrowsAsync<ValidationException>(() => Publish(clients));

        Assert.Equal((code, "Invalid parameter: Message too long"), (error.ErrorCode, error.ServiceMessage));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Throttled_is_retried_then_surfaced_as_ThrottlingException()
    {
        using var server = new RecordingHttpServer(SnsReplies.Error(400, "Throttled", "Rate exceeded"));
        using var clients = LoopbackClients.For(server, maxAttempts: 3);

        var error = await Assert.ThrowsAsync<ThrottlingException>(() => Publish(clients));

        Assert.Equal("Rate exceeded", error.ServiceMessage);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task An_InternalError_is_retried_until_an_answer_comes()
    {
        using var server = new RecordingHttpServer((_, n) => n < 3
            ? SnsReplies.Error(500, "InternalError", "try again", type: "Receiver")
            : SnsReplies.Ok("Publish", "<MessageId>m-3</MessageId>"));
        using var clients = LoopbackClients.For(server, maxAttempts: 3);

        var answer = await clients.Sns.PublishAsync(new PublishRequest { TopicArn = "arn:aws:sns:eu-west-1:123456789012:t", Message = "m" });

        Assert.Equal("m-3", answer.MessageId);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task An_unknown_code_keeps_its_code_message_and_status()
    {
        using var server = new RecordingHttpServer(SnsReplies.Error(403, "AuthorizationError", "User is not authorized to perform: SNS:Publish"));
        using var clients = LoopbackClients.For(server, maxAttempts: 1);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Publish(clients));

        Assert.Equal(("AuthorizationError", HttpStatusCode.Forbidden), (error.ErrorCode, error.StatusCode));
        Assert.Equal("AuthorizationError: User is not authorized to perform: SNS:Publish", error.Message);
    }
}
