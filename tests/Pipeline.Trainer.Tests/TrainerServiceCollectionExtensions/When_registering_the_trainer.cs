using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.ServiceDefaults;

namespace Pipeline.Trainer.Tests;

public sealed class When_registering_the_trainer
{
    [Fact]
    public void Registers_the_SageMaker_adapter_for_each_port_it_requires()
    {
        var services = new ServiceCollection();
        services.AddTrainer(new ConfigurationBuilder().Build());

        Assert.Contains(services.RequiredPorts().All, p => p.Port == typeof(ITrainingJobControl));
        Assert.Empty(services.RequiredPorts().Missing(services));
        Assert.All(services.RequiredPorts().All, p => Assert.False(string.IsNullOrWhiteSpace(p.Description)));
        Assert.Contains(services, d => d.ServiceType == typeof(ITrainingJobControl) && d.ImplementationType == typeof(Pipeline.Trainer.Aws.SageMakerTrainingJobControl));
    }

    [Fact]
    public void A_control_registered_afterwards_replaces_the_adapter()
    {
        var services = new ServiceCollection();
        services.AddTrainer(new ConfigurationBuilder().Build());
        var replacement = new InMemoryTrainingJobControl();
        services.AddSingleton<ITrainingJobControl>(replacement);
        using var provider = services.BuildServiceProvider();

        Assert.Same(replacement, provider.GetRequiredService<ITrainingJobControl>());
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
