namespace Pipeline.Ingestor;

/// <summary>
/// Which failures of a build a retry cannot cure: the source data itself (missing, malformed, truncated or corrupt,
/// not GDELT text) and the place it is written to (disk full, read-only or forbidden folder). They end the ingestion at
/// once; anything else but throttling (a dropped connection, a 5xx) goes to the retry policy.
/// </summary>
public static class IngestionErrors
{
    // errno values .NET puts in an IOException's HResult on Unix (Linux and macOS agree on these two), and Windows' codes.
    private const int NoSpaceLeft = 28;
    private const int ReadOnlyFileSystem = 30;
    private static readonly int[] FinalIoErrors =
    [
        NoSpaceLeft, ReadOnlyFileSystem,
        OperatingSystem.IsLinux() ? 122 : 69, // EDQUOT: the disk quota is used up
        unchecked((int)0x80070070), unchecked((int)0x80070027), // ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL
        unchecked((int)0x80070013), // ERROR_WRITE_PROTECT
    ];

    public static bool IsFinal(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is DatasetInputException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException
                or UnauthorizedAccessException or PathTooLongException)
                return true;
            if (e is IOException && e.GetType() == typeof(IOException) && FinalIoErrors.Contains(e.HResult))
                return true;
        }

        return false;
    }
}
