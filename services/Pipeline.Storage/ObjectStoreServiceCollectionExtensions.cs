using Amazon.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.Storage.Local;
using Pipeline.Storage.S3;

namespace Pipeline.Storage;

public static class ObjectStoreServiceCollectionExtensions
{
    /// <summary>Keys of the S3 clients the S3 adapter uses, registered as keyed singletons so the container disposes them.</summary>
    public const string SignedClientKey = "Pipeline.Storage.S3";
    public const string AnonymousClientKey = "Pipeline.Storage.S3.Anonymous";

    /// <summary>
    /// Registers the <see cref="IObjectStore"/> that section "Storage" names (a local folder or S3), with its options
    /// validated when the host starts. Calling it again adds nothing.
    /// </summary>
    public static IServiceCollection AddObjectStore(this IServiceCollection services, IConfiguration configuration)
    {
        // Several services of one host (the embedded one) share the store.
        if (services.Any(d => d.ServiceType == typeof(IObjectStore)))
            return services;
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();

        services.AddKeyedSingleton<IAmazonS3>(SignedClientKey, (provider, _) => S3ClientFactory.WithCredentials(S3Options(provider)));
        services.AddKeyedSingleton<IAmazonS3>(AnonymousClientKey, (provider, _) => S3ClientFactory.Anonymous(S3Options(provider)));
        services.AddSingleton<IObjectStore>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            return options.Kind switch
            {
                StorageKind.Local => new LocalFolderObjectStore(options.Root!),
                StorageKind.S3 => new S3ObjectStore(
                    provider.GetRequiredKeyedService<IAmazonS3>(SignedClientKey),
                    provider.GetRequiredKeyedService<IAmazonS3>(AnonymousClientKey),
                    options.S3),
                _ => throw new InvalidOperationException($"Storage:Kind '{options.Kind}' is not Local or S3."),
            };
        });
        return services;
    }

    private static S3StorageOptions S3Options(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<StorageOptions>>().Value.S3;
}
