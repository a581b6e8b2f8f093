using Pipeline.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Pipeline.Deployer.Tests;

public sealed class DeployerRegistrationTests
{
    [Fact]
    public void AddDeployer_names_the_hosting_port_and_registers_the_SageMaker_adapter_for_it()
    {
        var services = new ServiceCollection().AddDeployer(new ConfigurationBuilder().Build());

        var port = Assert.Single(services.RequiredPorts().All);
        Assert.Equal(typeof(IEndpointHosting), port.Port);
        Assert.Contains("SageMaker", port.Description, StringComparison.Ordinal);
        Assert.Empty(services.RequiredPorts().Missing(services));
        Assert.Contains(services, d => d.ServiceType == typeof(IEndpointHosting) && d.ImplementationType == typeof(Pipeline.Deployer.Aws.SageMakerEndpointHosting));
    }

    [Fact]
    public void A_hosting_double_registered_afterwards_replaces_the_adapter()
    {
        var services = new ServiceCollection().AddDeployer(new ConfigurationBuilder().Build());
        var hosting = new Doubles.EndpointHostingDouble();
        services.AddSingleton<IEndpointHosting>(hosting);
        using var provider = services.BuildServiceProvider();

        Assert.Same(hosting, provider.GetRequiredService<IEndpointHosting>());
    }

    [Fact]
    public void Poll_interval_defaults_to_boto3s_30_seconds()
    {
        using var provider = new ServiceCollection().AddDeployer(new ConfigurationBuilder().Build()).BuildServiceProvider();

        Assert.Equal(TimeSpan.FromSeconds(30), provider.GetRequiredService<IOptions<DeployerOptions>>().Value.PollInterval);
    }

    [Theory]
    [InlineData("Deployer:PollInterval", "00:00:00")]
    [InlineData("Deployer:PollInterval", "02:00:00")]
    [InlineData("Deployer:RetryLimit", "-1")]
    public void Rejects_settings_out_of_range_naming_the_setting(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();
        using var provider = new ServiceCollection().AddDeployer(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DeployerOptions>>().Value);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
