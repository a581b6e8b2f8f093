using Pipeline.Transport.Sqs.Sending;

namespace Pipeline.Transport.Sqs.Tests.When_delaying;

public sealed class When_a_delay_is_planned
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_delay_within_sqs_s_limit_is_its_delay_seconds_rounded_up()
    {
        var headers = new Dictionary<string, object>();

        Assert.Equal(3, SqsDelayHop.Plan(TimeSpan.FromSeconds(2.1), 900, Now, headers));
        Assert.Empty(headers);
    }

    [Fact]
    public void A_stage_timeout_of_hours_goes_in_hops_of_fifteen_minutes_with_its_due_time()
    {
        var headers = new Dictionary<string, object>();

        Assert.Equal(900, SqsDelayHop.Plan(TimeSpan.FromHours(3), 900, Now, headers));
        Assert.Equal("2026-12-02T21:00:00.0000000+00:00", headers[SqsDelayHop.DueHeader]);

        var arrivedAfterFirstHop = Now.AddSeconds(900);
        var remaining = SqsDelayHop.Remaining(headers, arrivedAfterFirstHop);
        Assert.Equal(TimeSpan.FromSeconds(3 * 3600 - 900), remaining);
        Assert.Equal(900, SqsDelayHop.NextHopSeconds(remaining!.Value, 900));
        Assert.Equal(1, SqsDelayHop.NextHopSeconds(TimeSpan.FromMilliseconds(200), 900));
    }

    [Fact]
    public void A_message_past_its_due_time_is_delivered_and_one_without_a_due_time_at_once()
    {
        Assert.Null(SqsDelayHop.Remaining(new Dictionary<string, object> { [SqsDelayHop.DueHeader] = Now.ToString("O") }, Now.AddMilliseconds(1)));
        Assert.Null(SqsDelayHop.Remaining(new Dictionary<string, object>(), Now));
    }

    [Fact]
    public void Sending_again_without_a_delay_clears_an_old_due_time()
    {
        var headers = new Dictionary<string, object> { [SqsDelayHop.DueHeader] = Now.ToString("O") };

        Assert.Equal(0, SqsDelayHop.Plan(null, 900, Now, headers));
        Assert.Empty(headers);
    }
}
