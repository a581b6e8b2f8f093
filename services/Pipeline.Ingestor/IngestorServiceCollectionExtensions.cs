using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.ServiceDefaults;

namespace Pipeline.Ingestor;

public static class IngestorServiceCollectionExtensions
{
    /// <summary>The ports this service needs an adapter for; the host reports any that nothing registered.</summary>
    public static IReadOnlyList<(Type Port, string Description)> RequiredPorts { get; } =
    [
        (typeof(IDatasetBuilder), "GDELT ingestion: reader, notebook transform, RecordIO writer, object store - issue 3"),
    ];

    /// <summary>Everything the Ingestor needs; its own Program.cs and the embedded host both call this.</summary>
    public static IServiceCollection AddIngestor(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IngestorOptions>()
            .Bind(configuration.GetSection(IngestorOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddBusRegistration(bus => bus.AddConsumer<IngestDatasetConsumer, IngestDatasetConsumerDefinition>());
        return services;
    }
}
