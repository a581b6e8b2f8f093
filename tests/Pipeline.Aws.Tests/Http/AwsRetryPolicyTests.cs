using System.Net;
using Pipeline.Aws.Http;

namespace Pipeline.Aws.Tests.Http;

public sealed class AwsRetryPolicyTests
{
    private sealed class FixedRandom(double value) : Random
    {
        public override double NextDouble() => value;
    }

    [Fact]
    public void The_backoff_ceiling_doubles_per_retry_up_to_the_maximum()
    {
        var policy = new AwsRetryPolicy(10, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), new FixedRandom(0.5));

        // Half of 100, 200, 400, 800 ms, then half of the 1 s cap.
        Assert.Equal(TimeSpan.FromMilliseconds(50), policy.DelayBeforeRetry(1));
        Assert.Equal(TimeSpan.FromMilliseconds(100), policy.DelayBeforeRetry(2));
        Assert.Equal(TimeSpan.FromMilliseconds(200), policy.DelayBeforeRetry(3));
        Assert.Equal(TimeSpan.FromMilliseconds(400), policy.DelayBeforeRetry(4));
        Assert.Equal(TimeSpan.FromMilliseconds(500), policy.DelayBeforeRetry(5));
        Assert.Equal(TimeSpan.FromMilliseconds(500), policy.DelayBeforeRetry(60));
    }

    [Fact]
    public void The_backoff_is_jittered_between_zero_and_the_ceiling()
    {
        var policy = new AwsRetryPolicy(10, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(20), new Random(1729));

        var delays = Enumerable.Range(0, 200).Select(_ => policy.DelayBeforeRetry(3)).ToList();

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromMilliseconds(400)));
        Assert.True(delays.Distinct().Count() > 100, "the delays should spread, not repeat");
        Assert.InRange(delays.Average(d => d.TotalMilliseconds), 150, 250);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Needs_at_least_one_attempt(int attempts) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new AwsRetryPolicy(attempts, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1), Random.Shared));

    [Fact]
    public void Throttling_server_errors_and_transient_codes_are_retryable_and_client_errors_are_not()
    {
        Assert.True(AwsRetryPolicy.IsRetryable(new ThrottlingException("slow down")));
        Assert.True(AwsRetryPolicy.IsRetryable(new AwsServiceException("Http502", "bad gateway", HttpStatusCode.BadGateway)));
        Assert.True(AwsRetryPolicy.IsRetryable(new AwsServiceException("RequestTimeout", "late")));
        Assert.False(AwsRetryPolicy.IsRetryable(new ValidationException("bad")));
        Assert.False(AwsRetryPolicy.IsRetryable(new ResourceInUseException("exists")));
        Assert.False(AwsRetryPolicy.IsRetryable(new AwsServiceException("AccessDeniedException", "no", HttpStatusCode.Forbidden)));
    }
}
