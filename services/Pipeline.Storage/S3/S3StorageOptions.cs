namespace Pipeline.Storage.S3;

/// <summary>Section "Storage:S3".</summary>
public sealed class S3StorageOptions
{
    public const long MinPartSizeBytes = 5L << 20; // S3's smallest part but the last
    public const long MaxPartSizeBytes = 1L << 30; // S3 allows 5 GiB; a part is held in memory (twice), so less here
    public const int MaxPartCount = 10_000;

    /// <summary>Buckets read without credentials when nothing else is configured.</summary>
    public static IReadOnlyList<string> DefaultAnonymousBuckets { get; } = ["gdelt-open-data"];

    /// <summary>An S3-compatible endpoint (moto, MinIO, LocalStack); empty for AWS itself.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>The AWS region (e.g. eu-west-1); empty for the SDK's own lookup (AWS_REGION, the profile), or us-east-1 with a <see cref="ServiceUrl"/>.</summary>
    public string? Region { get; set; }

    /// <summary>Path-style addressing (endpoint/bucket/key); by default on exactly when <see cref="ServiceUrl"/> is set.</summary>
    public bool? ForcePathStyle { get; set; }

    /// <summary>Objects up to this size are one PutObject; larger ones are a multipart upload of parts this size.</summary>
    public long PartSizeBytes { get; set; } = 16L << 20;

    /// <summary>Keys asked for per ListObjectsV2 request (S3 returns at most 1000).</summary>
    public int ListPageSize { get; set; } = 1000;

    /// <summary>
    /// Buckets read (and listed) without credentials, such as GDELT's public one. Unset means
    /// <see cref="DefaultAnonymousBuckets"/> (the configuration binder would add to a default list, not replace it).
    /// </summary>
    public IReadOnlyList<string>? AnonymousBuckets { get; set; }

    public bool ReadsAnonymously(string bucket) => (AnonymousBuckets ?? DefaultAnonymousBuckets).Contains(bucket);
}
