using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Pipeline.ServiceDefaults.Tests;

public sealed class MessagingTests
{
    private sealed record Ping(Guid Id);

    private sealed class PingConsumer(TaskCompletionSource<Guid> seen) : IConsumer<Ping>
    {
        public Task Consume(ConsumeContext<Ping> context)
        {
            seen.TrySetResult(context.Message.Id);
            return Task.CompletedTask;
        }
    }

    private static HostApplicationBuilder Builder(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        return builder;
    }

    [Fact]
    public async Task Registrations_from_every_service_end_up_on_one_bus()
    {
        var builder = Builder();
        var seen = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        builder.Services.AddSingleton(seen);
        builder.Services.AddBusRegistration(bus => bus.AddConsumer<PingConsumer>());
        builder.Services.AddPipelineMessaging(builder.Configuration, allServicesInThisProcess: true);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var id = Guid.NewGuid();
            await host.Services.GetRequiredService<IBus>().Publish(new Ping(id));
            Assert.Equal(id, await seen.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task An_unknown_transport_fails_start_up_naming_the_setting()
    {
        var builder = Builder(("Messaging:Transport", "Carrier-Pigeon"));
        builder.Services.AddPipelineMessaging(builder.Configuration, allServicesInThisProcess: true);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Messaging:Transport", error.Message, StringComparison.Ordinal);
    }

    private interface ITrainingJobs;

    [Fact]
    public async Task A_host_missing_a_port_adapter_refuses_to_start_naming_it()
    {
        var builder = Builder();
        builder.Services.RequirePort<ITrainingJobs>("training jobs: issue 4");
        builder.Services.AddPipelineMessaging(builder.Configuration, allServicesInThisProcess: true);
        using var host = builder.Build();

        // Its own type, so a command line can tell a wiring mistake from any other failure to start.
        var error = await Assert.ThrowsAsync<MissingAdapterException>(() => host.StartAsync());
        Assert.Contains("ITrainingJobs", error.Message, StringComparison.Ordinal);
        Assert.Contains("issue 4", error.Message, StringComparison.Ordinal);
    }
}
