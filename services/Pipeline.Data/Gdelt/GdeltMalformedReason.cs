namespace Pipeline.Data.Gdelt;

/// <summary>Why <see cref="GdeltReader"/> did not return a line; the keys of <see cref="GdeltReadReport.Malformed"/>.</summary>
public static class GdeltMalformedReason
{
    public const string WrongColumnCount = "wrong column count";
    public const string UnparsableNumber = "unparsable number";
    public const string TruncatedLastLine = "truncated last line";
    public const string InvalidUtf8 = "invalid UTF-8";
    public const string MissingEventCode = "missing event code";
    public const string LineTooLong = "line too long";

    /// <summary>A number that is no finite float32 (1e300, 1e400, Infinity): training would meet it as Infinity.</summary>
    public const string NotFiniteAsFloat32 = "number not finite as float32";
}
