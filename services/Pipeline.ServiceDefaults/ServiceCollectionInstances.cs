using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.ServiceDefaults;

internal static class ServiceCollectionInstances
{
    /// <summary>The singleton instance of <typeparamref name="T"/> registered in this collection, added on first use.</summary>
    public static T GetOrAddInstance<T>(this IServiceCollection services)
        where T : class, new()
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(T))?.ImplementationInstance is T existing)
            return existing;
        var created = new T();
        services.AddSingleton(created);
        return created;
    }
}
