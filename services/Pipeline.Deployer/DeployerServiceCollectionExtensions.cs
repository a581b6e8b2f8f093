using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.ServiceDefaults;

namespace Pipeline.Deployer;

public static class DeployerServiceCollectionExtensions
{
    /// <summary>Everything the Deployer needs; its own Program.cs and the embedded host both call this.</summary>
    public static IServiceCollection AddDeployer(this IServiceCollection services, IConfiguration configuration)
    {
        services.RequirePort<IEndpointHosting>(
            "SageMaker hosting control plane (CreateModel/CreateEndpointConfig/CreateEndpoint/DescribeEndpoint/Delete*): LocalSageMaker or AWS, issue 5");
        services.AddOptions<DeployerOptions>()
            .Bind(configuration.GetSection(DeployerOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddBusRegistration(bus =>
        {
            bus.AddConsumer<DeployModelConsumer, DeployerConsumerDefinition<DeployModelConsumer>>();
            bus.AddConsumer<CheckEndpointStatusConsumer, DeployerConsumerDefinition<CheckEndpointStatusConsumer>>();
            bus.AddConsumer<TeardownEndpointConsumer, DeployerConsumerDefinition<TeardownEndpointConsumer>>();
        });
        return services;
    }
}
