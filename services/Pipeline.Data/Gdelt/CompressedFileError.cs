namespace Pipeline.Data.Gdelt;

/// <summary>
/// A compressed year file refused: it names the file and says why. Reading it again gives the same answer, so it is an
/// <see cref="InvalidDataException"/>, which ingestion does not retry.
/// </summary>
internal static class CompressedFileError
{
    public static InvalidDataException Refused(string name, string why, Exception? inner = null) =>
        new($"{name} cannot be read: {why}. The file is refused rather than read in part.", inner);
}
