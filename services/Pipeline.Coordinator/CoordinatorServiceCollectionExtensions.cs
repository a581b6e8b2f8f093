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
        var store = services.AddPipelineSagaStore(configuration);
        services.AddBusRegistration(bus => bus
            .AddSagaStateMachine<ExperimentStateMachine, ExperimentState, ExperimentStateDefinition>()
            .InPipelineSagaStore(store));
        return services;
    }
}
