namespace Pipeline.Storage.Tests;

public sealed class S3UriTests
{
    [Theory]
    [InlineData("s3://gdelt-open-data/events/1979.csv", "gdelt-open-data", "events/1979.csv")]
    [InlineData("s3://my.bucket.2/a/b/c/", "my.bucket.2", "a/b/c/")]
    [InlineData("s3://abc/", "abc", "")]
    [InlineData("s3://abc", "abc", "")]
    [InlineData("s3://abc/key with spaces/and ünïcode", "abc", "key with spaces/and ünïcode")]
    public void Parse_splits_bucket_and_key(string uri, string bucket, string key)
    {
        var parsed = S3Uri.Parse(uri);

        Assert.Equal(bucket, parsed.Bucket);
        Assert.Equal(key, parsed.Key);
        Assert.Equal($"s3://{bucket}/{key}", parsed.ToString());
        Assert.Equal(parsed, S3Uri.Parse(parsed.ToString()));
    }

    [Theory]
    [InlineData("https://bucket/key")]
    [InlineData("S3://bucket/key")]
    [InlineData("s3:///key")]
    [InlineData("s3://ab/key")]
    [InlineData("s3://Bucket/key")]
    [InlineData("s3://bucket_name/key")]
    [InlineData("s3://-bucket/key")]
    [InlineData("s3://bucket-/key")]
    [InlineData("s3://my..bucket/key")]
    [InlineData("s3://my.-bucket/key")]
    [InlineData("s3://192.168.5.4/key")]
    [InlineData("s3://xn--bucket/key")]
    [InlineData("s3://bucket-s3alias/key")]
    [InlineData("s3://a123456789a123456789a123456789a123456789a123456789a123456789abcd/key")]
    public void Parse_rejects_what_is_not_an_s3_uri_with_a_valid_bucket(string uri)
    {
        var rejected = Assert.Throws<ArgumentException>(() => S3Uri.Parse(uri));

        Assert.Contains(uri.Length > 60 ? "3 to 63" : "", rejected.Message, StringComparison.Ordinal);
        // The message reaches users inside a ValidationException: no "(Parameter 'bucket')" tail of .NET's.
        Assert.DoesNotContain("(Parameter", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_bucket_names_at_the_length_limits()
    {
        Assert.Equal(3, S3Uri.Parse("s3://a1b/k").Bucket.Length);
        Assert.Equal(63, S3Uri.Parse($"s3://{new string('a', 63)}/k").Bucket.Length);
    }

    [Fact]
    public void Rejects_a_key_longer_than_1024_bytes_of_utf8()
    {
        Assert.Equal(1024, new S3Uri("bucket", new string('é', 512)).Key.Length * 2);
        Assert.Throws<ArgumentException>(() => new S3Uri("bucket", new string('é', 513)));
    }
}
