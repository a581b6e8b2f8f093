using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.Deployer;

public static class DeployerServiceCollectionExtensions
{
    /// <summary>Everything the Deployer needs; its own Program.cs and the embedded host both call this.</summary>
    public static IServiceCollection AddDeployer(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
