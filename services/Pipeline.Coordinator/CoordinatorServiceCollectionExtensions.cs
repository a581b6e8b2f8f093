using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.ServiceDefaults;

namespace Pipeline.Coordinator;

public static class CoordinatorServiceCollectionExtensions
{
    /// <summary>The experiment saga; its own Program.cs and the embedded host both call this.</summary>
    public static IServiceCollection AddCoordinator(this IServiceCollection services, IConfiguration configuration)
    {
        // In-memory until the DynamoDB saga repository exists (distributed mode).
        services.AddBusRegistration(bus => bus
            .AddSagaStateMachine<ExperimentStateMachine, ExperimentState, ExperimentStateDefinition>()
            .InMemoryRepository());
        return services;
    }
}
