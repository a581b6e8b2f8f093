using Amazon.Runtime;

namespace Pipeline.Aws;

public static class AwsRegions
{
    /// <summary>Looks like eu-west-1, us-gov-east-1, cn-north-1.</summary>
    public static bool IsRegionName(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        var parts = region.Split('-');
        return parts.Length >= 3
               && parts.All(p => p.Length > 0 && p.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
               && parts[^1].All(char.IsAsciiDigit);
    }

    /// <summary>The SDK's region lookup (environment, profile, instance metadata); null when it finds none.</summary>
    public static string? FromSdk()
    {
        try
        {
            return FallbackRegionFactory.GetRegionEndpoint()?.SystemName;
        }
        catch (AmazonClientException)
        {
            return null;
        }
    }
}
