using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.Coordinator;

public static class CoordinatorServiceCollectionExtensions
{
    /// <summary>Everything the Coordinator needs; its own Program.cs and the embedded host both call this.</summary>
    public static IServiceCollection AddCoordinator(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
