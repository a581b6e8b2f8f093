using System.Xml.Linq;
using Pipeline.Aws.Http;
using Pipeline.Aws.Query;

namespace Pipeline.Aws.Sns;

/// <summary>SNS (Query protocol, Version 2010-03-31, XML answers), named as the official SDK names it.</summary>
public sealed class SnsClient(AwsQueryClient query)
{
    public const string Version = "2010-03-31";

    public SnsClient(AwsRequestSender sender)
        : this(new AwsQueryClient(sender, Version))
    {
    }

    public SnsPaginators Paginators => new(this);

    /// <summary>Idempotent: a topic that exists with the same attributes is answered with its ARN.</summary>
    public Task<CreateTopicResponse> CreateTopicAsync(CreateTopicRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync("CreateTopic", SnsForms.Of(Checked(request)), SnsAnswers.CreateTopic, cancellationToken);

    /// <summary>Idempotent for the same topic, protocol and endpoint.</summary>
    public Task<SubscribeResponse> SubscribeAsync(SubscribeRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync("Subscribe", SnsForms.Of(Checked(request)), SnsAnswers.Subscribe, cancellationToken);

    /// <summary>Removing a subscription that is already gone succeeds.</summary>
    public Task UnsubscribeAsync(UnsubscribeRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync("Unsubscribe", SnsForms.Of(Checked(request)), _ => true, cancellationToken);

    public Task<PublishResponse> PublishAsync(PublishRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync("Publish", SnsForms.Of(Checked(request)), SnsAnswers.Publish, cancellationToken);

    /// <summary>Entries can fail one by one while the call succeeds: see <see cref="PublishBatchResponse.Failed"/>.</summary>
    public Task<PublishBatchResponse> PublishBatchAsync(PublishBatchRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync("PublishBatch", SnsForms.Of(Checked(request)), SnsAnswers.PublishBatch, cancellationToken);

    public Task<GetTopicAttributesResponse> GetTopicAttributesAsync(GetTopicAttributesRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync("GetTopicAttributes", SnsForms.Of(Checked(request)), SnsAnswers.GetTopicAttributes, cancellationToken);

    public Task<ListSubscriptionsByTopicResponse> ListSubscriptionsByTopicAsync(ListSubscriptionsByTopicRequest request,
        CancellationToken cancellationToken = default) =>
        InvokeAsync("ListSubscriptionsByTopic", SnsForms.Of(Checked(request)), SnsAnswers.ListSubscriptionsByTopic, cancellationToken);

    private async Task<TResponse> InvokeAsync<TResponse>(string action, QueryForm form, Func<XElement, TResponse> read,
        CancellationToken cancellationToken) =>
        read(await query.InvokeAsync(action, form, cancellationToken).ConfigureAwait(false));

    private static T Checked<T>(T request)
        where T : class =>
        request ?? throw new ArgumentNullException(nameof(request));
}

/// <summary>The paged operations, followed to the last page.</summary>
public sealed class SnsPaginators(SnsClient client)
{
    public Paginator<ListSubscriptionsByTopicResponse, Subscription> ListSubscriptionsByTopic(ListSubscriptionsByTopicRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(
            (token, ct) => client.ListSubscriptionsByTopicAsync(request with { NextToken = token }, ct),
            page => page.NextToken,
            page => page.Subscriptions,
            request.NextToken);
    }
}
