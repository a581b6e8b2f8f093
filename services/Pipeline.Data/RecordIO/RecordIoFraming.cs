namespace Pipeline.Data.RecordIO;

/// <summary>
/// MXNet/dmlc RecordIO framing as SageMaker uses it: per record a little-endian uint32 magic, a little-endian uint32
/// whose lower 29 bits are the payload length and upper 3 bits the continuation flag, the payload, and zero padding
/// to a multiple of 4 bytes.
/// </summary>
public static class RecordIoFraming
{
    public const uint Magic = 0xCED7230A;
    public const int HeaderSize = 8;

    /// <summary>The largest payload (or part) a header can describe: 2^29 - 1 bytes.</summary>
    public const int MaxPayloadLength = (1 << 29) - 1;

    private const int LengthBits = 29;

    public static uint EncodeLengthWord(RecordIoPart part, int length) => ((uint)part << LengthBits) | (uint)length;

    public static RecordIoPart DecodePart(uint lengthWord) => (RecordIoPart)(lengthWord >> LengthBits);

    public static int DecodeLength(uint lengthWord) => (int)(lengthWord & MaxPayloadLength);

    /// <summary>The length rounded up to a multiple of 4: what a payload occupies with its padding.</summary>
    public static int PaddedLength(int length) => (length + 3) & ~3;
}

/// <summary>
/// The continuation flag. dmlc's writer splits a record wherever its payload holds the magic at a 4-byte boundary and
/// drops those 4 bytes; its reader joins the parts and puts the magic back between them.
/// </summary>
public enum RecordIoPart
{
    Whole = 0,
    First = 1,
    Middle = 2,
    Last = 3,
}
