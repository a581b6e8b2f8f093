using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.Evaluator;

public static class EvaluatorServiceCollectionExtensions
{
    /// <summary>Everything the Evaluator needs; its own Program.cs and the embedded host both call this.</summary>
    public static IServiceCollection AddEvaluator(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
