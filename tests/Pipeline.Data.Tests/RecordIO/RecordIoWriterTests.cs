using System.Buffers.Binary;
using Google.Protobuf;
using Pipeline.Data.RecordIO;
using Pipeline.Data.Tests.RecordIO.Proto;
using Record = Pipeline.Data.Tests.RecordIO.Proto.Record;

namespace Pipeline.Data.Tests.RecordIO;

public sealed class RecordIoWriterTests
{
    private static float[] RandomRow(Random random, int width)
    {
        var row = new float[width];
        for (var i = 0; i < width; i++)
        {
            row[i] = (i % 7) switch
            {
                0 => BitConverter.Int32BitsToSingle(random.Next(int.MinValue, int.MaxValue)), // any bit pattern, NaNs too
                1 => (float)((random.NextDouble() - 0.5) * 360),
                2 => random.Next(0, 2),
                3 => -0f,
                _ => (float)(random.NextDouble() * Math.Pow(10, random.Next(-40, 39))),
            };
        }

        return row;
    }

    private static byte[] Write(Action<RecordIoWriter> write)
    {
        using var output = new MemoryStream();
        using (var writer = new RecordIoWriter(output, leaveOpen: true))
            write(writer);
        return output.ToArray();
    }

    [Fact]
    public void Writes_the_sdk_test_vector_byte_for_byte()
    {
        // DOMAIN.md section 3: features [1, 2], label 3, as written by the SageMaker SDK.
        var expected = Convert.FromHexString((
            "0a 23 d7 ce 2c 00 00 00 0a 16 0a 06 76 61 6c 75 65 73 12 0c 12 0a 0a 08 00 00 80 3f 00 00 00 40 " +
            "12 12 0a 06 76 61 6c 75 65 73 12 08 12 06 0a 04 00 00 40 40").Replace(" ", "", StringComparison.Ordinal));
        var bytes = Write(w => w.WriteDense([1f, 2f], 3f));
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(bytes));
    }

    [Fact]
    public void Writes_each_row_as_Google_Protobuf_serializes_the_same_record()
    {
        var random = new Random(31);
        for (var width = 1; width <= 70; width++)
        {
            var row = RandomRow(random, width);
            var label = (float)random.NextDouble();
            var bytes = Write(w => w.WriteDense(row, label));

            var payload = Assert.Single(DmlcFraming.Payloads(bytes));
            Assert.Equal(ProtoRecords.Dense(row, label).ToByteArray(), payload);
        }
    }

    [Fact]
    public void Output_decodes_with_Google_Protobuf_to_the_same_floats()
    {
        var random = new Random(7);
        var rows = Enumerable.Range(0, 3000).Select(i => RandomRow(random, 1 + random.Next(i % 10 == 0 ? 5000 : 40))).ToArray();
        var labels = rows.Select(_ => BitConverter.Int32BitsToSingle(random.Next(int.MinValue, int.MaxValue))).ToArray();
        var bytes = Write(w =>
        {
            for (var i = 0; i < rows.Length; i++)
                w.WriteDense(rows[i], labels[i]);
        });

        var payloads = DmlcFraming.Payloads(bytes);
        Assert.Equal(rows.Length, payloads.Count);
        for (var i = 0; i < rows.Length; i++)
        {
            var record = Record.Parser.ParseFrom(payloads[i]);
            Assert.Equal(["values"], record.Features.Keys);
            var features = record.Features["values"];
            Assert.Equal(Value.ValueOneofCase.Float32Tensor, features.ValueCase);
            Assert.Empty(features.Float32Tensor.Keys);
            Assert.Empty(features.Float32Tensor.Shape);
            Assert.Equal(rows[i].Select(BitConverter.SingleToUInt32Bits), features.Float32Tensor.Values.Select(BitConverter.SingleToUInt32Bits));
            var label = Assert.Single(record.Label["values"].Float32Tensor.Values);
            Assert.Equal(BitConverter.SingleToUInt32Bits(labels[i]), BitConverter.SingleToUInt32Bits(label));
            Assert.False(record.HasUid);
        }
    }

    [Theory]
    [InlineData("score")]
    [InlineData("score", "predicted_label")]
    [InlineData("values", "é", "a key long enough that its map entry's length takes two varint bytes, which the entry's own length then counts as well........................................................................")]
    public void Writes_label_records_as_Google_Protobuf_serializes_the_same_record(params string[] keys)
    {
        var random = new Random(keys.Length);
        var rows = Enumerable.Range(0, 50).Select(_ => RandomRow(random, keys.Length)).ToArray();
        var bytes = Write(w =>
        {
            foreach (var row in rows)
                w.WriteLabels(keys, row);
        });

        var payloads = DmlcFraming.Payloads(bytes);
        Assert.Equal(rows.Length, payloads.Count);
        for (var i = 0; i < rows.Length; i++)
        {
            Assert.Equal(ProtoRecords.Labels(keys, rows[i]).ToByteArray(), payloads[i]);
            var record = Record.Parser.ParseFrom(payloads[i]);
            Assert.Empty(record.Features);
            Assert.Equal(keys, record.Label.Keys);
        }
    }

    [Fact]
    public void Writes_into_a_buffer_writer_the_bytes_it_writes_to_a_stream()
    {
        var expected = Write(w =>
        {
            w.WriteDense([1f, 2f], 3f);
            w.WriteLabels(["score", "predicted_label"], [0.75f, 1f]);
            w.WriteDense(new float[300], 4f);
        });
        var output = new System.Buffers.ArrayBufferWriter<byte>(1);

        using (var writer = new RecordIoWriter(output))
        {
            writer.WriteDense([1f, 2f], 3f);
            writer.WriteLabels(["score", "predicted_label"], [0.75f, 1f]);
            writer.WriteDense(new float[300], 4f);
            Assert.Equal((3, expected.Length), (writer.RecordsWritten, writer.BytesWritten));
        }

        Assert.Equal(expected, output.WrittenSpan.ToArray());
    }

    [Fact]
    public void Refuses_a_label_record_without_a_value_for_each_key()
    {
        using var writer = new RecordIoWriter(new MemoryStream());
        Assert.Throws<ArgumentException>(() => writer.WriteLabels(["score", "predicted_label"], [1f]));
        Assert.Throws<ArgumentException>(() => writer.WriteLabels([], []));
    }

    [Fact]
    public void Frames_every_record_whole_and_padded_to_four_bytes()
    {
        var bytes = Write(w =>
        {
            for (var width = 1; width <= 12; width++)
                w.WriteDense(new float[width], 1);
        });

        var pos = 0;
        for (var width = 1; width <= 12; width++)
        {
            Assert.Equal(0xCED7230Au, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(pos)));
            var word = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(pos + 4));
            Assert.Equal(0u, word >> 29);
            var expectedLength = ProtoRecords.Dense(new float[width], 1).CalculateSize();
            Assert.Equal((uint)expectedLength, word);
            pos += 8 + (expectedLength + 3) / 4 * 4;
            Assert.Equal(8 + (expectedLength + 3) / 4 * 4, RecordIoWriter.DenseRecordSize(width));
        }

        Assert.Equal(bytes.Length, pos);
    }

    [Fact]
    public void Writes_a_row_holding_the_magic_as_one_whole_record_as_the_sdk_does()
    {
        var magic = BitConverter.UInt32BitsToSingle(0xCED7230A);
        var bytes = Write(w => w.WriteDense([magic, 1, magic], magic));

        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)) >> 29);
        Assert.Equal(ProtoRecords.Dense([magic, 1, magic], magic).ToByteArray(), bytes.AsSpan(8, bytes.Length - 8).ToArray());
    }

    [Fact]
    public void Counts_the_records_and_bytes_it_wrote()
    {
        using var output = new MemoryStream();
        using var writer = new RecordIoWriter(output, leaveOpen: true);
        for (var i = 0; i < 10; i++)
            writer.WriteDense(new float[25], i);
        writer.Flush();

        Assert.Equal(10, writer.RecordsWritten);
        Assert.Equal(output.Length, writer.BytesWritten);
        Assert.Equal(10 * (8 + ProtoRecords.Dense(new float[25], 0).CalculateSize()), output.Length);
    }

    [Fact]
    public void Writes_rows_larger_than_its_buffer()
    {
        var row = RandomRow(new Random(3), 10_000);
        using var output = new MemoryStream();
        using (var writer = new RecordIoWriter(output, leaveOpen: true, bufferSize: 1024))
        {
            writer.WriteDense([1], 1);
            writer.WriteDense(row, 2);
            writer.WriteDense([3], 3);
        }

        var payloads = DmlcFraming.Payloads(output.ToArray());
        Assert.Equal(3, payloads.Count);
        Assert.Equal(ProtoRecords.Dense(row, 2).ToByteArray(), payloads[1]);
    }

    [Fact]
    public async Task DisposeAsync_flushes_and_closes_the_stream()
    {
        var output = new MemoryStream();
        await using (var writer = new RecordIoWriter(output))
            writer.WriteDense([1f, 2f], 3f);

        Assert.Equal(52, output.ToArray().Length);
        Assert.Throws<ObjectDisposedException>(() => output.WriteByte(0));
    }

    [Fact]
    public void Nothing_reaches_the_stream_before_a_flush_and_everything_after()
    {
        using var output = new MemoryStream();
        using var writer = new RecordIoWriter(output, leaveOpen: true);
        writer.WriteDense([1f, 2f], 3f);
        Assert.Equal(0, output.Length);
        writer.Flush();
        Assert.Equal(52, output.Length);
    }

    [Fact]
    public void Refuses_a_row_without_features()
    {
        using var writer = new RecordIoWriter(new MemoryStream());
        Assert.Throws<ArgumentException>(() => writer.WriteDense([], 1));
    }

    [Fact]
    public void Refuses_to_write_after_disposal()
    {
        var writer = new RecordIoWriter(new MemoryStream());
        writer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => writer.WriteDense([1], 1));
    }
}
