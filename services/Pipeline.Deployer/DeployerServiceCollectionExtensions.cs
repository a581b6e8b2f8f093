using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Aws;
using Pipeline.Deployer.Aws;
using Pipeline.ServiceDefaults;

namespace Pipeline.Deployer;

public static class DeployerServiceCollectionExtensions
{
    /// <summary>Everything the Deployer needs; its own Program.cs and the embedded host both call this.</summary>
    public static IServiceCollection AddDeployer(this IServiceCollection services, IConfiguration configuration)
    {
        services.RequirePort<IEndpointHosting>(
            "SageMaker hosting control plane (CreateModel/CreateEndpointConfig/CreateEndpoint/DescribeEndpoint/Delete*): the SageMaker adapter, AWS or LocalSageMaker as section Aws says");
        services.AddOptions<DeployerOptions>()
            .Bind(configuration.GetSection(DeployerOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSageMakerClients(configuration);
        services.AddSingleton<IEndpointHosting, SageMakerEndpointHosting>();

        services.AddBusRegistration(bus =>
        {
            bus.AddConsumer<DeployModelConsumer, DeployerConsumerDefinition<DeployModelConsumer>>();
            bus.AddConsumer<CheckEndpointStatusConsumer, DeployerConsumerDefinition<CheckEndpointStatusConsumer>>();
            bus.AddConsumer<TeardownEndpointConsumer, DeployerConsumerDefinition<TeardownEndpointConsumer>>();
            bus.AddConsumer<CheckEndpointDeletedConsumer, DeployerConsumerDefinition<CheckEndpointDeletedConsumer>>();
        });
        return services;
    }
}
