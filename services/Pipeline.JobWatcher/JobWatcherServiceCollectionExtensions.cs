using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.JobWatcher;

public static class JobWatcherServiceCollectionExtensions
{
    /// <summary>Everything the JobWatcher needs; its own Program.cs and the embedded host both call this.</summary>
    public static IServiceCollection AddJobWatcher(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
