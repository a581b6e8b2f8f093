using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.ServiceDefaults;

namespace Pipeline.Ingestor;

public static class IngestorServiceCollectionExtensions
{
    /// <summary>Everything the Ingestor needs; its own Program.cs and the embedded host both call this.</summary>
    public static IServiceCollection AddIngestor(this IServiceCollection services, IConfiguration configuration)
    {
        services.RequirePort<IDatasetBuilder>(
            "GDELT ingestion: reader, notebook transform, RecordIO writer, object store: issue 3");
        services.AddOptions<IngestorOptions>()
            .Bind(configuration.GetSection(IngestorOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddBusRegistration(bus => bus.AddConsumer<IngestDatasetConsumer, IngestDatasetConsumerDefinition>());
        return services;
    }
}
