using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.Trainer;

public static class TrainerServiceCollectionExtensions
{
    /// <summary>Everything the Trainer needs; its own Program.cs and the embedded host both call this.</summary>
    public static IServiceCollection AddTrainer(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
