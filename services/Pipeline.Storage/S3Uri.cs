using System.Text;

namespace Pipeline.Storage;

/// <summary>
/// An s3://bucket/key address. The key may be empty, which addresses a whole bucket as a prefix.
/// </summary>
public sealed record S3Uri
{
    private const string Scheme = "s3://";
    private const int MaxKeyBytes = 1024;

    public S3Uri(string bucket, string key)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        ArgumentNullException.ThrowIfNull(key);
        if (BucketNameProblem(bucket) is { } problem)
            throw new ArgumentException($"'{bucket}' is not a valid S3 bucket name: {problem}.");
        if (Encoding.UTF8.GetByteCount(key) > MaxKeyBytes)
            throw new ArgumentException($"An S3 key is at most {MaxKeyBytes} bytes of UTF-8; this one starts '{key[..40]}'.");
        Bucket = bucket;
        Key = key;
    }

    public string Bucket { get; }

    public string Key { get; }

    public static S3Uri Parse(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.StartsWith(Scheme, StringComparison.Ordinal))
            throw new ArgumentException($"'{uri}' is not an s3:// URI.");
        var rest = uri.AsSpan(Scheme.Length);
        var slash = rest.IndexOf('/');
        return slash < 0
            ? new S3Uri(rest.ToString(), "")
            : new S3Uri(rest[..slash].ToString(), rest[(slash + 1)..].ToString());
    }

    public override string ToString() => $"{Scheme}{Bucket}/{Key}";

    /// <summary>Why <paramref name="bucket"/> breaks S3's general-purpose bucket naming rules, or null when it does not.</summary>
    public static string? BucketNameProblem(string bucket)
    {
        if (bucket.Length is < 3 or > 63)
            return "it must be 3 to 63 characters long";
        foreach (var c in bucket)
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-'))
                return "only lowercase letters, digits, dots and hyphens are allowed";
        if (!char.IsAsciiLetterOrDigit(bucket[0]) || !char.IsAsciiLetterOrDigit(bucket[^1]))
            return "it must begin and end with a letter or a digit";
        if (bucket.Contains("..", StringComparison.Ordinal) || bucket.Contains(".-", StringComparison.Ordinal) || bucket.Contains("-.", StringComparison.Ordinal))
            return "dots may not be next to each other or to a hyphen";
        if (System.Net.IPAddress.TryParse(bucket, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && bucket.Count(c => c == '.') == 3)
            return "it may not look like an IP address";
        if (bucket.StartsWith("xn--", StringComparison.Ordinal) || bucket.StartsWith("sthree-", StringComparison.Ordinal))
            return "the prefixes xn-- and sthree- are reserved";
        if (bucket.EndsWith("-s3alias", StringComparison.Ordinal) || bucket.EndsWith("--ol-s3", StringComparison.Ordinal))
            return "the suffixes -s3alias and --ol-s3 are reserved";
        return null;
    }
}
