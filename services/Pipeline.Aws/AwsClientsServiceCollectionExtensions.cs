using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pipeline.Aws.Http;
using Pipeline.Aws.Logs;
using Pipeline.Aws.Runtime;
using Pipeline.Aws.SageMaker;
using Pipeline.Aws.Sns;

namespace Pipeline.Aws;

public static class AwsClientsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SageMakerClient"/>, <see cref="CloudWatchLogsClient"/>, <see cref="SageMakerRuntimeClient"/>
    /// and <see cref="SnsClient"/> (one <see cref="AwsClients"/>; each endpoint is resolved on the client's first use), configured from section "Aws" and validated when the host starts. Credentials
    /// come from the SDK's standard chain unless an <see cref="AwsCredentialsSource"/> is registered. Calling it again
    /// (several services in one host) adds nothing.
    /// </summary>
    public static IServiceCollection AddSageMakerClients(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(AwsClients)))
            return services;
        services.AddOptions<AwsClientOptions>()
            .Bind(configuration.GetSection(AwsClientOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AwsClientOptions>, AwsClientOptionsValidator>();
        services.TryAddSingleton(_ => AwsCredentialsSource.StandardChain());
        services.AddSingleton(provider => new AwsClients(
            provider.GetRequiredService<IOptions<AwsClientOptions>>().Value,
            provider.GetRequiredService<AwsCredentialsSource>()));
        services.AddSingleton(provider => provider.GetRequiredService<AwsClients>().SageMaker);
        services.AddSingleton(provider => provider.GetRequiredService<AwsClients>().Logs);
        services.AddSingleton(provider => provider.GetRequiredService<AwsClients>().SageMakerRuntime);
        services.AddSingleton(provider => provider.GetRequiredService<AwsClients>().Sns);
        return services;
    }
}
