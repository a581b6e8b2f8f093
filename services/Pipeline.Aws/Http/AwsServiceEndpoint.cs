namespace Pipeline.Aws.Http;

/// <summary>Where one service's requests go and the region and name they are signed for.</summary>
public sealed record AwsServiceEndpoint(Uri Url, string Region, string SigningName)
{
    public const string GlobalEndpointVariable = "AWS_ENDPOINT_URL";
    public const string IgnoreEndpointVariablesVariable = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

    /// <summary>
    /// The endpoint as the SDKs choose it: the configured URL, else AWS_ENDPOINT_URL_&lt;SERVICE&gt;, else AWS_ENDPOINT_URL
    /// (both skipped when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true), else the service's regional AWS endpoint.
    /// The region: the configured one, else AWS_REGION or AWS_DEFAULT_REGION, else us-east-1 for an explicit URL
    /// (a local imitation does not care), else <paramref name="regionLookup"/> (the SDK's profile and instance metadata).
    /// </summary>
    public static AwsServiceEndpoint Resolve(AwsService service, string? configuredUrl, string? configuredRegion,
        Func<string, string?> environment, Func<string?> regionLookup)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(regionLookup);
        var url = NonEmpty(configuredUrl) ?? EndpointFromEnvironment(service, environment);
        if (url is not null && !IsServiceUrl(url))
            throw new InvalidOperationException($"The endpoint of {service.ServiceId} must be an absolute http(s) URL, not '{url}'.");
        var region = NonEmpty(configuredRegion)
                     ?? NonEmpty(environment("AWS_REGION"))
                     ?? NonEmpty(environment("AWS_DEFAULT_REGION"))
                     ?? (url is not null ? "us-east-1" : regionLookup())
                     ?? throw new InvalidOperationException(
                         $"No AWS region for {service.ServiceId}: set Aws:Region (or AWS_REGION, or a region in the AWS profile).");
        return new AwsServiceEndpoint(new Uri(url ?? DefaultUrl(service, region)), region, service.SigningName);
    }

    public static bool IsServiceUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    private static string DefaultUrl(AwsService service, string region) =>
        $"https://{service.HostPrefix}.{region}.{(region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com")}";

    private static string? EndpointFromEnvironment(AwsService service, Func<string, string?> environment) =>
        string.Equals(environment(IgnoreEndpointVariablesVariable), "true", StringComparison.OrdinalIgnoreCase)
            ? null
            : NonEmpty(environment(service.EndpointVariable)) ?? NonEmpty(environment(GlobalEndpointVariable));

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
