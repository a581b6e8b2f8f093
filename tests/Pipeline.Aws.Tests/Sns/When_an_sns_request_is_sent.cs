using Pipeline.Aws.Sns;
using Pipeline.Aws.Tests.Http;

namespace Pipeline.Aws.Tests.Sns;

public sealed class When_an_sns_request_is_sent
{
    private const string Topic = "arn:aws:sns:eu-west-1:123456789012:pipeline-StartExperiment";

    private static KeyValuePair<string, string> F(string name, string value) => KeyValuePair.Create(name, value);

    [Fact]
    public async Task Publish_is_a_signed_form_post_with_action_version_and_flattened_attributes()
    {
        using var server = new RecordingHttpServer(SnsReplies.Ok("Publish", "<MessageId>m-1</MessageId>"));
        using var clients = LoopbackClients.For(server);

        var answer = await clients.Sns.PublishAsync(new PublishRequest
        {
            TopicArn = Topic,
            Message = "a b&c=d+é",
            MessageAttributes = new()
            {
                ["Content-Type"] = new() { DataType = "String", StringValue = "application/vnd.masstransit+json" },
                ["Packed"] = new() { DataType = "Binary", BinaryValue = [0, 1, 255] },
            },
        });

        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/"), (request.Method, request.RawPath));
        Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", request.Header("Content-Type"));
        Assert.DoesNotContain(' ', request.BodyText); // spaces travel as %20
        Assert.Equal(
        [
            F("Action", "Publish"), F("Version", "2010-03-31"), F("TopicArn", Topic), F("Message", "a b&c=d+é"),
            F("MessageAttributes.entry.1.Name", "Content-Type"),
            F("MessageAttributes.entry.1.Value.DataType", "String"),
            F("MessageAttributes.entry.1.Value.StringValue", "application/vnd.masstransit+json"),
            F("MessageAttributes.entry.2.Name", "Packed"),
            F("MessageAttributes.entry.2.Value.DataType", "Binary"),
            F("MessageAttributes.entry.2.Value.BinaryValue", "AAH/"),
        ], SnsReplies.Form(request));
        var authorization = SigV4.Parse(request.Header("Authorization")!);
        Assert.Equal(("sns", LoopbackClients.Region), (authorization.Service, authorization.Region));
        Assert.Equal(SigV4.Expected(request, LoopbackClients.SecretKey), authorization.Signature);
        Assert.Equal("m-1", answer.MessageId);
    }

    [Fact]
    public async Task Subscribe_sends_its_attributes_as_a_key_value_map()
    {
        using var server = new RecordingHttpServer(SnsReplies.Ok("Subscribe", $"<SubscriptionArn>{Topic}:s-1</SubscriptionArn>"));
        using var clients = LoopbackClients.For(server);

        var answer = await clients.Sns.SubscribeAsync(new SubscribeRequest
        {
            TopicArn = Topic, Protocol = "sqs", Endpoint = "arn:aws:sqs:eu-west-1:123456789012:trainer",
            Attributes = new() { ["RawMessageDelivery"] = "true" }, ReturnSubscriptionArn = true,
        });

        Assert.Equal(
        [
            F("Action", "Subscribe"), F("Version", "2010-03-31"), F("TopicArn", Topic), F("Protocol", "sqs"),
            F("Endpoint", "arn:aws:sqs:eu-west-1:123456789012:trainer"),
            F("Attributes.entry.1.key", "RawMessageDelivery"), F("Attributes.entry.1.value", "true"),
            F("ReturnSubscriptionArn", "true"),
        ], SnsReplies.Form(Assert.Single(server.Requests)));
        Assert.Equal($"{Topic}:s-1", answer.SubscriptionArn);
    }

    [Fact]
    public async Task PublishBatch_numbers_its_entries_and_reads_what_succeeded_and_what_failed()
    {
        using var server = new RecordingHttpServer(SnsReplies.Ok("PublishBatch",
            "<Successful><member><Id>a</Id><MessageId>m-a</MessageId></member></Successful>" +
            "<Failed><member><Id>b</Id><Code>InvalidParameter</Code><Message>too big</Message><SenderFault>true</SenderFault></member></Failed>"));
        using var clients = LoopbackClients.For(server);

        var answer = await clients.Sns.PublishBatchAsync(new PublishBatchRequest
        {
            TopicArn = Topic,
            PublishBatchRequestEntries =
            [
                new() { Id = "a", Message = "first" },
                new() { Id = "b", Message = "second", MessageAttributes = new() { ["k"] = new() { DataType = "String", StringValue = "v" } } },
            ],
        });

        Assert.Equal(
        [
            F("Action", "PublishBatch"), F("Version", "2010-03-31"), F("TopicArn", Topic),
            F("PublishBatchRequestEntries.member.1.Id", "a"), F("PublishBatchRequestEntries.member.1.Message", "first"),
            F("PublishBatchRequestEntries.member.2.Id", "b"), F("PublishBatchRequestEntries.member.2.Message", "second"),
            F("PublishBatchRequestEntries.member.2.MessageAttributes.entry.1.Name", "k"),
            F("PublishBatchRequestEntries.member.2.MessageAttributes.entry.1.Value.DataType", "String"),
            F("PublishBatchRequestEntries.member.2.MessageAttributes.entry.1.Value.StringValue", "v"),
        ], SnsReplies.Form(Assert.Single(server.Requests)));
        Assert.Equal(("a", "m-a"), (Assert.Single(answer.Successful!).Id, answer.Successful![0].MessageId));
        var failed = Assert.Single(answer.Failed!);
        Assert.Equal(("b", "InvalidParameter", "too big", (bool?)true), (failed.Id, failed.Code, failed.Message, failed.SenderFault));
    }

    [Fact]
    public async Task GetTopicAttributes_reads_the_attribute_map()
    {
        using var server = new RecordingHttpServer(SnsReplies.Ok("GetTopicAttributes",
            $"<Attributes><entry><key>TopicArn</key><value>{Topic}</value></entry><entry><key>FifoTopic</key><value>false</value></entry></Attributes>"));
        using var clients = LoopbackClients.For(server);

        var answer = await clients.Sns.GetTopicAttributesAsync(new GetTopicAttributesRequest { TopicArn = Topic });

        Assert.Equal(new Dictionary<string, string> { ["TopicArn"] = Topic, ["FifoTopic"] = "false" }, answer.Attributes);
    }

    [Fact]
    public async Task The_paginator_sends_each_pages_NextToken_until_a_page_has_none()
    {
        using var server = new RecordingHttpServer((_, n) => SnsReplies.Ok("ListSubscriptionsByTopic",
            $"<Subscriptions><member><SubscriptionArn>{Topic}:s-{n}</SubscriptionArn><Protocol>sqs</Protocol></member></Subscriptions>" +
            (n < 3 ? $"<NextToken>token-{n}</NextToken>" : "")));
        using var clients = LoopbackClients.For(server);

        var subscriptions = await clients.Sns.Paginators.ListSubscriptionsByTopic(new ListSubscriptionsByTopicRequest { TopicArn = Topic }).Items.ToListAsync();

        Assert.Equal([$"{Topic}:s-1", $"{Topic}:s-2", $"{Topic}:s-3"], subscriptions.Select(s => s.SubscriptionArn));
        Assert.Equal([null, "token-1", "token-2"],
            server.Requests.Select(r => SnsReplies.Form(r).Where(f => f.Key == "NextToken").Select(f => f.Value).SingleOrDefault()));
    }

    [Fact]
    public async Task An_answer_without_a_result_element_reads_as_an_empty_response()
    {
        using var server = new RecordingHttpServer(new Reply(200, "<PublishResponse><ResponseMetadata/></PublishResponse>", "text/xml"));
        using var clients = LoopbackClients.For(server);

        var answer = await clients.Sns.PublishAsync(new PublishRequest { TopicArn = Topic, Message = "m" });

        Assert.Null(answer.MessageId);
    }

    [Fact]
    public async Task A_success_whose_body_is_not_xml_says_so_with_the_action()
    {
        using var server = new RecordingHttpServer(new Reply(200, "{\"not\":\"xml\"}"));
        using var clients = LoopbackClients.For(server);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => clients.Sns.PublishAsync(new PublishRequest { TopicArn = Topic, Message = "m" }));

        Assert.Contains("Publish answered with a body that is not XML", error.Message, StringComparison.Ordinal);
        Assert.Contains("{\"not\":\"xml\"}", error.Message, StringComparison.Ordinal);
    }
}
