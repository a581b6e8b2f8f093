using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Ingestor.Datasets;
using Pipeline.Ingestor.Gdelt;
using Pipeline.Ingestor.Sales;
using Pipeline.ServiceDefaults;
using Pipeline.Storage;

namespace Pipeline.Ingestor;

public static class IngestorServiceCollectionExtensions
{
    /// <summary>Everything the Ingestor needs; its own Program.cs and the embedded host both call this.</summary>
    public static IServiceCollection AddIngestor(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddObjectStore(configuration);
        services.AddSingleton<GdeltYearSources>();
        services.AddSingleton<GdeltDatasetBuilder>();
        services.AddSingleton<SalesDatasetBuilder>();
        services.AddSingleton<DatasetBuilderBySource>();
        // Each dataset in a folder named by what it is made of, reused when already prepared.
        services.AddSingleton<IDatasetBuilder>(sp =>
            ActivatorUtilities.CreateInstance<PreparedDatasets>(sp, sp.GetRequiredService<DatasetBuilderBySource>()));
        services.AddHostedService<LeftoverTempFiles>();
        services.AddSingleton<RunningIngestions>();
        services.AddOptions<IngestorOptions>()
            .Bind(configuration.GetSection(IngestorOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddBusRegistration(bus =>
        {
            bus.AddConsumer<IngestDatasetConsumer, IngestDatasetConsumerDefinition>();
            bus.AddConsumer<ExperimentEndedConsumer, ExperimentEndedConsumerDefinition>();
        });
        return services;
    }
}
