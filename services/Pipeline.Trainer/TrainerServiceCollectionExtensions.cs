using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Aws;
using Pipeline.ServiceDefaults;
using Pipeline.Trainer.Aws;

namespace Pipeline.Trainer;

public static class TrainerServiceCollectionExtensions
{
    /// <summary>Everything the Trainer needs; its own Program.cs and the embedded host both call this.</summary>
    public static IServiceCollection AddTrainer(this IServiceCollection services, IConfiguration configuration)
    {
        services.RequirePort<ITrainingJobControl>(
            "SageMaker control plane for training jobs (Create/Describe/StopTrainingJob): the SageMaker adapter, AWS or LocalSageMaker as section Aws says");
        services.AddOptions<TrainerOptions>()
            .Bind(configuration.GetSection(TrainerOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSageMakerClients(configuration);
        services.AddSingleton<ITrainingJobControl, SageMakerTrainingJobControl>();

        services.AddBusRegistration(bus =>
        {
            bus.AddConsumer<StartTrainingJobConsumer, StartTrainingJobConsumerDefinition>();
            bus.AddConsumer<StopTrainingJobConsumer, StopTrainingJobConsumerDefinition>();
        });
        return services;
    }
}
