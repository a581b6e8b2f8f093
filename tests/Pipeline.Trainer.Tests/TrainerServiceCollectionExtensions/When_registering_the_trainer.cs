using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.ServiceDefaults;

namespace Pipeline.Trainer.Tests;

public sealed class When_registering_the_trainer
{
    [Fact]
    public void Requires_its_ports_without_registering_an_adapter()
    {
        var services = new ServiceCollection();
        services.AddTrainer(new ConfigurationBuilder().Build());

        Assert.Contains(services.RequiredPorts().All, p => p.Port == typeof(ITrainingJobControl));
        foreach (var (port, description) in services.RequiredPorts().All)
        {
            Assert.False(string.IsNullOrWhiteSpace(description));
            Assert.DoesNotContain(services, d => d.ServiceType == port);
        }
    }

    [Fact]
    public void Defaults_to_five_incremental_retries()
    {
        using var provider = Build([]);

        var options = provider.GetRequiredService<IOptions<TrainerOptions>>().Value;

        Assert.Equal(5, options.RetryLimit);
        Assert.True(options.RetryInitialInterval > TimeSpan.Zero);
        Assert.True(options.RetryIntervalIncrement > TimeSpan.Zero);
    }

    [Fact]
    public void Rejects_a_negative_retry_limit_naming_the_setting()
    {
        using var provider = Build(new() { ["Trainer:RetryLimit"] = "-1" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TrainerOptions>>().Value);
        Assert.Contains("Trainer:RetryLimit", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddTrainer(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }
}
