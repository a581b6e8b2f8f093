using System.Buffers.Binary;

namespace Pipeline.Data.Tests.RecordIO;

/// <summary>
/// RecordIO framing written again for the tests, from dmlc-core's recordio.cc (WriteRecord / NextRecord), so that
/// the code under test is checked against something it does not share code with.
/// </summary>
internal static class DmlcFraming
{
    public const uint Magic = 0xCED7230A;

    /// <summary>One frame: magic, flag &lt;&lt; 29 | length, payload, zero padding to 4.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> payload, uint flag = 0)
    {
        var padded = (payload.Length + 3) / 4 * 4;
        var frame = new byte[8 + padded];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(4), (flag << 29) | (uint)payload.Length);
        payload.CopyTo(frame.AsSpan(8));
        return frame;
    }

    /// <summary>
    /// dmlc's RecordIOWriter::WriteRecord: the payload is cut wherever the magic sits at a 4-byte boundary, those
    /// 4 bytes are dropped, and the pieces are framed as first (1), middle (2) and last (3) parts.
    /// </summary>
    public static byte[] FrameSplittingAtMagic(ReadOnlySpan<byte> payload)
    {
        var output = new List<byte>();
        var partStart = 0;
        for (var i = 0; i + 4 <= payload.Length; i += 4)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(payload[i..]) != Magic)
                continue;
            output.AddRange(Header(partStart == 0 ? 1u : 2u, i - partStart));
            output.AddRange(payload[partStart..i].ToArray());
            partStart = i + 4;
        }

        output.AddRange(Header(partStart != 0 ? 3u : 0u, payload.Length - partStart));
        output.AddRange(payload[partStart..].ToArray());
        while (output.Count % 4 != 0)
            output.Add(0);
        return [.. output];
    }

    /// <summary>dmlc's RecordIOReader::NextRecord over a whole buffer: payloads with the magic put back between parts.</summary>
    public static List<byte[]> Payloads(ReadOnlySpan<byte> data)
    {
        var records = new List<byte[]>();
        var current = new List<byte>();
        var pos = 0;
        while (pos < data.Length)
        {
            Assert.Equal(Magic, BinaryPrimitives.ReadUInt32LittleEndian(data[pos..]));
            var word = BinaryPrimitives.ReadUInt32LittleEndian(data[(pos + 4)..]);
            var flag = word >> 29;
            var length = (int)(word & ((1u << 29) - 1));
            current.AddRange(data.Slice(pos + 8, length).ToArray());
            foreach (var padding in data.Slice(pos + 8 + length, (length + 3) / 4 * 4 - length))
                Assert.Equal(0, padding);
            pos += 8 + (length + 3) / 4 * 4;
            if (flag is 0 or 3)
            {
                records.Add([.. current]);
                current.Clear();
            }
            else
            {
                current.AddRange(BitConverter.GetBytes(Magic));
            }
        }

        Assert.Empty(current);
        return records;
    }

    private static byte[] Header(uint flag, int length)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (flag << 29) | (uint)length);
        return header;
    }
}
