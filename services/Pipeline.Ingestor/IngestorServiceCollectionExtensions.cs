using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.Ingestor;

public static class IngestorServiceCollectionExtensions
{
    /// <summary>Everything the Ingestor needs; its own Program.cs and the embedded host both call this.</summary>
    public static IServiceCollection AddIngestor(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
