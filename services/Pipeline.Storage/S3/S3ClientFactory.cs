using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace Pipeline.Storage.S3;

/// <summary>S3 clients for the endpoint and region the options name.</summary>
public static class S3ClientFactory
{
    /// <summary>Signs with <paramref name="credentials"/>, or with what the SDK's standard chain finds (environment, profile, container or instance role).</summary>
    public static IAmazonS3 WithCredentials(S3StorageOptions options, AWSCredentials? credentials = null) =>
        credentials is null ? new AmazonS3Client(Config(options)) : new AmazonS3Client(credentials, Config(options));

    /// <summary>Sends unsigned requests, which public buckets answer.</summary>
    public static IAmazonS3 Anonymous(S3StorageOptions options) => new AmazonS3Client(new AnonymousAWSCredentials(), Config(options));

    public static AmazonS3Config Config(S3StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonS3Config();
        if (!string.IsNullOrEmpty(options.ServiceUrl))
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = string.IsNullOrEmpty(options.Region) ? "us-east-1" : options.Region;
            config.ForcePathStyle = options.ForcePathStyle ?? true;
        }
        else
        {
            if (!string.IsNullOrEmpty(options.Region))
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
            config.ForcePathStyle = options.ForcePathStyle ?? false;
        }

        return config;
    }
}
