using System.Buffers.Binary;
using Google.Protobuf;
using Pipeline.Data.RecordIO;
using Pipeline.Data.Tests.RecordIO.Proto;
using Record = Pipeline.Data.Tests.RecordIO.Proto.Record;

namespace Pipeline.Data.Tests.RecordIO;

public sealed class RecordIoReaderTests
{
    private sealed record Row(float[] Features, float[] Labels, RecordIoTensorType FeatureType, RecordIoTensorType? LabelType, bool IsSparse, long Offset);

    private static List<Row> ReadAll(byte[] data, RecordIoReadOptions? options = null, int chunk = int.MaxValue)
    {
        var rows = new List<Row>();
        using var reader = new RecordIoReader(new ChunkedStream(data, chunk), options);
        while (reader.TryRead(out var r))
            rows.Add(new Row(r.Features.ToArray(), r.Labels.ToArray(), r.FeatureType, r.LabelType, r.IsSparse, r.Offset));
        Assert.Equal(rows.Count, reader.RecordsRead);
        return rows;
    }

    private static InvalidDataException ReadFails(byte[] data, RecordIoReadOptions? options = null) =>
        Assert.Throws<InvalidDataException>(() => ReadAll(data, options));

    [Fact]
    public void Reads_dense_records_encoded_by_Google_Protobuf()
    {
        var random = new Random(11);
        var expected = Enumerable.Range(0, 500)
            .Select(_ => (Features: Enumerable.Range(0, 25).Select(_ => (float)random.NextDouble() * 100 - 50).ToArray(), Label: (float)random.NextDouble()))
            .ToArray();
        var data = ProtoRecords.Framed([.. expected.Select(e => ProtoRecords.Dense(e.Features, e.Label))]);

        var rows = ReadAll(data, chunk: 13);

        Assert.Equal(expected.Length, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(expected[i].Features, rows[i].Features);
            Assert.Equal([expected[i].Label], rows[i].Labels);
            Assert.Equal(RecordIoTensorType.Float32Tensor, rows[i].FeatureType);
            Assert.False(rows[i].IsSparse);
        }
    }

    [Fact]
    public void Reads_back_what_the_writer_wrote_whatever_the_read_sizes()
    {
        var random = new Random(5);
        var rows = Enumerable.Range(0, 200).Select(i => Enumerable.Range(0, i % 3 == 0 ? 20_000 : 25).Select(_ => random.NextSingle()).ToArray()).ToArray();
        using var output = new MemoryStream();
        using (var writer = new RecordIoWriter(output, leaveOpen: true))
        {
            for (var i = 0; i < rows.Length; i++)
                writer.WriteDense(rows[i], i);
        }

        foreach (var chunk in new[] { 1, 7, 4096, int.MaxValue })
        {
            var read = ReadAll(output.ToArray(), chunk: chunk);
            Assert.Equal(rows.Length, read.Count);
            for (var i = 0; i < rows.Length; i++)
            {
                Assert.Equal(rows[i], read[i].Features);
                Assert.Equal([(float)i], read[i].Labels);
            }
        }
    }

    [Fact]
    public void Expands_sparse_records_with_keys_and_shape()
    {
        var data = ProtoRecords.Framed(
            ProtoRecords.Sparse([5f, -1f], [3, 0], [6], 2f),
            ProtoRecords.Sparse([], [], [4], 9f),
            ProtoRecords.Sparse([7f], [5], [6], null));

        var rows = ReadAll(data);

        Assert.Equal([-1f, 0, 0, 5f, 0, 0], rows[0].Features);
        Assert.True(rows[0].IsSparse);
        Assert.Equal([2f], rows[0].Labels);
        Assert.Equal(new float[4], rows[1].Features);
        Assert.Equal([0, 0, 0, 0, 0, 7f], rows[2].Features);
        Assert.False(rows[2].LabelType.HasValue);
        Assert.Empty(rows[2].Labels);
    }

    [Fact]
    public void Expands_sparse_records_without_shape_to_the_feature_dimension()
    {
        var data = ProtoRecords.Framed(ProtoRecords.Sparse([1.5f], [2], null, 0f));

        Assert.Equal([0, 0, 1.5f, 0], ReadAll(data, new RecordIoReadOptions { FeatureDim = 4 })[0].Features);
        Assert.Contains("no shape", ReadFails(data).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_records_without_a_label()
    {
        var rows = ReadAll(ProtoRecords.Framed(ProtoRecords.Dense([1, 2, 3], null)));

        Assert.Equal([1f, 2, 3], rows[0].Features);
        Assert.Null(rows[0].LabelType);
    }

    [Fact]
    public void Reads_the_named_label_entries_of_records_without_features()
    {
        var classifier = ProtoRecords.Labels(["predicted_label", "score"], [1f, 0.875f]);
        classifier.Label.Add("other", new Value { Bytes = new Pipeline.Data.Tests.RecordIO.Proto.Bytes() });
        var data = ProtoRecords.Framed(classifier, ProtoRecords.Labels(["score"], [-2.5f]));
        var options = new RecordIoReadOptions { FeaturesOptional = true, LabelKeys = ["score", "predicted_label"] };
        var seen = new List<(float[] Features, float[] Score, float[] PredictedLabel, float[] Values)>();

        using (var reader = new RecordIoReader(new MemoryStream(data), options))
        {
            while (reader.TryRead(out var record))
            {
                seen.Add((record.Features.ToArray(), record.Label("score").ToArray(), record.Label("predicted_label").ToArray(), record.Label("values").ToArray()));
                Assert.True(RefusesKey(record, "other"));
            }
        }

        Assert.Equal(2, seen.Count);
        Assert.All(seen, s => Assert.Empty(s.Features));
        Assert.All(seen, s => Assert.Empty(s.Values));
        Assert.Equal([[0.875f], [-2.5f]], seen.Select(s => s.Score));
        Assert.Equal([[1f], []], seen.Select(s => s.PredictedLabel));
        Assert.Contains("no features", ReadFails(data, options with { FeaturesOptional = false }).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_named_label_that_is_not_Float32_when_told_to()
    {
        var doubles = new Float64Tensor();
        doubles.Values.Add(0.5);
        var record = new Record();
        record.Label.Add("score", new Value { Float64Tensor = doubles });
        var data = ProtoRecords.Framed(record);
        var options = new RecordIoReadOptions { FeaturesOptional = true, LabelKeys = ["score"] };

        using (var reader = new RecordIoReader(new MemoryStream(data), options))
        {
            Assert.True(reader.TryRead(out var read));
            Assert.Equal([0.5f], read.Label("score").ToArray());
        }

        var refused = ReadFails(data, options with { Float32Only = true });
        Assert.Contains("Float64Tensor in label[\"score\"]", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_Float64_and_Int32_tensors_as_float_and_says_so()
    {
        var doubles = new Float64Tensor();
        doubles.Values.Add([0.1, -2.5]);
        var ints = new Int32Tensor();
        ints.Values.Add([-3, 4]);
        var first = new Record();
        first.Features.Add("values", new Value { Float64Tensor = doubles });
        first.Label.Add("values", ProtoRecords.LabelValue(1));
        var second = new Record();
        second.Features.Add("values", new Value { Int32Tensor = ints });
        var intLabel = new Int32Tensor();
        intLabel.Values.Add(-7);
        second.Label.Add("values", new Value { Int32Tensor = intLabel });
        var data = ProtoRecords.Framed(first, second);

        var rows = ReadAll(data);

        Assert.Equal([0.1f, -2.5f], rows[0].Features);
        Assert.Equal(RecordIoTensorType.Float64Tensor, rows[0].FeatureType);
        Assert.Equal([-3f, 4f], rows[1].Features);
        Assert.Equal(RecordIoTensorType.Int32Tensor, rows[1].FeatureType);
        Assert.Equal([-7f], rows[1].Labels);
        Assert.Equal(RecordIoTensorType.Int32Tensor, rows[1].LabelType);

        var refused = ReadFails(data, new RecordIoReadOptions { Float32Only = true });
        Assert.Contains("byte offset 0", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Float64Tensor", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Skips_fields_and_map_entries_it_does_not_use()
    {
        var record = ProtoRecords.Dense([4f, 5f], 6f);
        record.Uid = "row-1";
        record.Metadata = "{\"a\": 1}";
        record.Configuration = "x";
        record.Features.Add("extra", ProtoRecords.LabelValue(99));
        record.Label.Add("other", new Value { Bytes = new Pipeline.Data.Tests.RecordIO.Proto.Bytes { ContentType = "text/plain" } });
        // Fields the schema does not know, of every wire type: 20 varint, 21 fixed64, 22 bytes, 23 group, 24 fixed32.
        var unknown = Convert.FromHexString("A0019601" + "A9010102030405060708" + "B20103616263" + "BB01A00101BC01" + "C50101020304");
        var payload = record.ToByteArray().Concat(unknown).ToArray();
        Assert.Equal(record.Features, Record.Parser.ParseFrom(payload).Features); // Google.Protobuf also accepts it

        var row = Assert.Single(ReadAll(DmlcFraming.Frame(payload)));

        Assert.Equal([4f, 5f], row.Features);
        Assert.Equal([6f], row.Labels);
    }

    [Fact]
    public void Merges_repeated_fields_split_or_unpacked_as_protobuf_parsers_must()
    {
        // features["values"].float32_tensor.values sent once unpacked (fixed32) and then packed in two pieces.
        var tensor = Convert.FromHexString("0D0000803F" + "0A0400000040" + "0A080000404000008040");
        var value = new byte[] { 0x12, (byte)tensor.Length }.Concat(tensor).ToArray();
        var entry = Convert.FromHexString("0A0676616C756573").Concat(new byte[] { 0x12, (byte)value.Length }).Concat(value).ToArray();
        var payload = new byte[] { 0x0A, (byte)entry.Length }.Concat(entry).ToArray();
        var parsed = Record.Parser.ParseFrom(payload).Features["values"].Float32Tensor.Values;

        var row = Assert.Single(ReadAll(DmlcFraming.Frame(payload)));

        Assert.Equal(parsed, row.Features);
        Assert.Equal([1f, 2f, 3f, 4f], row.Features);
    }

    [Fact]
    public void Joins_multi_part_records_putting_the_magic_back_between_parts()
    {
        var magic = BitConverter.UInt32BitsToSingle(0xCED7230A);
        var records = new[]
        {
            ProtoRecords.Dense([1f, magic, 2f, magic, 3f], 4f), // first, middle, last
            ProtoRecords.Dense([5f, 6f], 7f), // whole
            ProtoRecords.Dense([magic], magic), // ends with the magic: an empty last part
        };
        var data = records.SelectMany(r => DmlcFraming.FrameSplittingAtMagic(r.ToByteArray())).ToArray();
        var flags = Flags(data);
        Assert.Equal([1u, 2u, 3u, 0u, 1u, 2u, 3u], flags);

        var rows = ReadAll(data, chunk: 5);

        Assert.Equal(3, rows.Count);
        Assert.Equal(records[0].Features["values"].Float32Tensor.Values.Select(BitConverter.SingleToUInt32Bits), rows[0].Features.Select(BitConverter.SingleToUInt32Bits));
        Assert.Equal([5f, 6f], rows[1].Features);
        Assert.Equal(0xCED7230Au, BitConverter.SingleToUInt32Bits(rows[2].Labels[0]));
        Assert.Equal(0, rows[0].Offset);
        Assert.Equal(data.Length - DmlcFraming.FrameSplittingAtMagic(records[2].ToByteArray()).Length, rows[2].Offset);
    }

    [Fact]
    public void Reads_nothing_from_an_empty_stream()
    {
        Assert.Empty(ReadAll([]));
    }

    [Fact]
    public void Names_the_offset_of_a_record_with_bad_magic()
    {
        var good = ProtoRecords.Framed(ProtoRecords.Dense([1], 1));
        var bad = good.ToArray();
        bad[0] ^= 0xFF;

        var error = ReadFails([.. good, .. bad]);

        Assert.Contains($"byte offset {good.Length}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3)] // inside the header
    [InlineData(8 + 5)] // inside the payload
    [InlineData(8 + 23)] // inside the padding (the 23-byte payload pads to 24)
    public void Names_the_offset_of_a_truncated_record(int keep)
    {
        var first = ProtoRecords.Framed(ProtoRecords.Dense([1], 1));
        var record = ProtoRecords.Dense([2], null);
        record.Uid = "x";
        Assert.Equal(23, record.CalculateSize());
        var second = DmlcFraming.Frame(record.ToByteArray());

        var error = ReadFails([.. first, .. second[..keep]]);

        Assert.Contains($"record at byte offset {first.Length}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_parts_out_of_order_and_unknown_flags()
    {
        var payload = ProtoRecords.Dense([1], 1).ToByteArray();
        Assert.Contains("without a first part", ReadFails(DmlcFraming.Frame(payload, 3)).Message, StringComparison.Ordinal);
        Assert.Contains("without a first part", ReadFails(DmlcFraming.Frame(payload, 2)).Message, StringComparison.Ordinal);
        Assert.Contains("has not ended", ReadFails([.. DmlcFraming.Frame(payload.AsSpan(0, 4), 1), .. DmlcFraming.Frame(payload)]).Message, StringComparison.Ordinal);
        Assert.Contains("flag 5", ReadFails(DmlcFraming.Frame(payload, 5)).Message, StringComparison.Ordinal);
        var unfinished = ReadFails(DmlcFraming.Frame(payload.AsSpan(0, 4), 1));
        Assert.Contains("multi-part record that starts at byte offset 0", unfinished.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_the_offset_of_a_record_that_is_not_a_valid_protobuf()
    {
        var good = ProtoRecords.Framed(ProtoRecords.Dense([1], 1));
        var payload = ProtoRecords.Dense([1, 2, 3], 1).ToByteArray();
        var error = ReadFails([.. good, .. DmlcFraming.Frame(payload.AsSpan(0, payload.Length - 3))]);

        Assert.Contains($"byte offset {good.Length}", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidProtocolBufferException>(() => Record.Parser.ParseFrom(payload[..^3]));
    }

    [Fact]
    public void Refuses_records_it_cannot_turn_into_a_dense_row()
    {
        var noFeatures = new Record();
        noFeatures.Label.Add("values", ProtoRecords.LabelValue(1));
        var bytesFeatures = new Record();
        bytesFeatures.Features.Add("values", new Value { Bytes = new Pipeline.Data.Tests.RecordIO.Proto.Bytes() });

        Assert.Contains("no features", ReadFails(ProtoRecords.Framed(noFeatures)).Message, StringComparison.Ordinal);
        Assert.Contains("Bytes", ReadFails(ProtoRecords.Framed(bytesFeatures)).Message, StringComparison.Ordinal);
        Assert.Contains("key 6", ReadFails(ProtoRecords.Framed(ProtoRecords.Sparse([1], [6], [6], 1))).Message, StringComparison.Ordinal);
        Assert.Contains("2 keys", ReadFails(ProtoRecords.Framed(ProtoRecords.Sparse([1], [0, 1], [6], 1))).Message, StringComparison.Ordinal);
        Assert.Contains("feature_dim is 3", ReadFails(ProtoRecords.Framed(ProtoRecords.Dense([1, 2], 1)), new RecordIoReadOptions { FeatureDim = 3 }).Message, StringComparison.Ordinal);
        Assert.Contains("feature_dim is 3", ReadFails(ProtoRecords.Framed(ProtoRecords.Sparse([1], [0], [4], 1)), new RecordIoReadOptions { FeatureDim = 3 }).Message, StringComparison.Ordinal);
    }

    private static bool RefusesKey(RecordIoRecord record, string key)
    {
        try
        {
            _ = record.Label(key);
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private static List<uint> Flags(byte[] data)
    {
        var flags = new List<uint>();
        for (var pos = 0; pos < data.Length;)
        {
            var word = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(pos + 4));
            flags.Add(word >> 29);
            pos += 8 + (int)(((word & 0x1FFFFFFF) + 3) / 4 * 4);
        }

        return flags;
    }
}
