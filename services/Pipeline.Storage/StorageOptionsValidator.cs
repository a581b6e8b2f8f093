using Microsoft.Extensions.Options;
using Pipeline.Storage.S3;

namespace Pipeline.Storage;

/// <summary>The rules that depend on each other (the S3 settings matter only for Kind S3, and so on).</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        switch (options.Kind)
        {
            case StorageKind.Local when string.IsNullOrWhiteSpace(options.Root):
                problems.Add("Storage:Root is required when Storage:Kind is Local: the folder that holds one folder per bucket.");
                break;
            case StorageKind.S3:
                problems.AddRange(S3Problems(options.S3));
                break;
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static IEnumerable<string> S3Problems(S3StorageOptions s3)
    {
        if (!string.IsNullOrEmpty(s3.ServiceUrl)
            && (!Uri.TryCreate(s3.ServiceUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
            yield return $"Storage:S3:ServiceUrl must be an absolute http(s) URL such as http://127.0.0.1:5000, not '{s3.ServiceUrl}'.";
        if (!string.IsNullOrEmpty(s3.Region) && !IsRegionName(s3.Region))
            yield return $"Storage:S3:Region must be a region name such as eu-west-1, not '{s3.Region}'.";
        if (s3.PartSizeBytes is < S3StorageOptions.MinPartSizeBytes or > S3StorageOptions.MaxPartSizeBytes)
            yield return $"Storage:S3:PartSizeBytes must be from {S3StorageOptions.MinPartSizeBytes} (5 MiB, S3's minimum part) to {S3StorageOptions.MaxPartSizeBytes}, not {s3.PartSizeBytes}.";
        if (s3.ListPageSize is < 1 or > 1000)
            yield return $"Storage:S3:ListPageSize must be from 1 to 1000, not {s3.ListPageSize}.";
        foreach (var bucket in s3.AnonymousBuckets ?? [])
            if (S3Uri.BucketNameProblem(bucket) is { } problem)
                yield return $"Storage:S3:AnonymousBuckets: '{bucket}' is not a bucket name ({problem}).";
    }

    private static bool IsRegionName(string region)
    {
        var parts = region.Split('-');
        return parts.Length >= 3
               && parts.All(p => p.Length > 0 && p.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
               && parts[^1].All(char.IsAsciiDigit);
    }
}
