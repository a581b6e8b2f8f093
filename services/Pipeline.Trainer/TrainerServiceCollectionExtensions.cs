using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.ServiceDefaults;

namespace Pipeline.Trainer;

public static class TrainerServiceCollectionExtensions
{
    /// <summary>The ports the host must provide an adapter for; the Trainer registers none itself.</summary>
    public static IReadOnlyList<(Type Port, string Description)> RequiredPorts { get; } =
    [
        (typeof(ITrainingJobControl), "SageMaker control plane (CreateTrainingJob/DescribeTrainingJob/StopTrainingJob) - LocalSageMaker or AWS, issue 4"),
    ];

    /// <summary>Everything the Trainer needs; its own Program.cs and the embedded host both call this.</summary>
    public static IServiceCollection AddTrainer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TrainerOptions>()
            .Bind(configuration.GetSection(TrainerOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddBusRegistration(bus =>
        {
            bus.AddConsumer<StartTrainingJobConsumer, StartTrainingJobConsumerDefinition>();
            bus.AddConsumer<StopTrainingJobConsumer, StopTrainingJobConsumerDefinition>();
        });
        return services;
    }
}
