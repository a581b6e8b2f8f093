using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.Transport.Sqs.Tests.When_configuring;

public sealed class When_the_host_is_configured
{
    private static async Task<Exception> BusCreationError(Action<SqsHostSettings> host, Action<ISqsReceiveEndpointConfigurator>? endpoint = null)
    {
        var services = new ServiceCollection();
        services.AddMassTransit(bus => bus.UsingSqs((_, cfg) =>
        {
            cfg.Host(host);
            cfg.ReceiveEndpoint("orders", e => endpoint?.Invoke(e));
        }));
        await using var provider = services.BuildServiceProvider();
        return Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IBusControl>());
    }

    [Theory]
    [InlineData(21, "WaitTimeSeconds must be from 0 to 20 (was 21)")]
    [InlineData(-1, "WaitTimeSeconds must be from 0 to 20 (was -1)")]
    public async Task A_wait_time_sqs_does_not_take_is_refused_naming_the_setting(int seconds, string expected) =>
        Assert.Contains(expected, (await BusCreationError(h => h.WaitTimeSeconds = seconds)).Message);

    [Fact]
    public async Task A_delay_hop_over_fifteen_minutes_is_refused_naming_the_setting() =>
        Assert.Contains("MaxDelaySeconds must be from 1 to 900 (was 901)", (await BusCreationError(h => h.MaxDelaySeconds = 901)).Message);

    [Fact]
    public async Task A_scope_with_characters_sqs_does_not_take_is_refused_naming_it() =>
        Assert.Contains("Scope 'prod.eu'", (await BusCreationError(h => h.Scope = "prod.eu")).Message);

    [Fact]
    public async Task An_endpoint_s_visibility_timeout_over_twelve_hours_is_refused_naming_the_endpoint() =>
        Assert.Contains("(was 43201) on endpoint 'orders'", (await BusCreationError(_ => { }, e => e.VisibilityTimeoutSeconds = 43201)).Message);
}
