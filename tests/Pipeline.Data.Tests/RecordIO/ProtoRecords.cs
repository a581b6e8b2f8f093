using Google.Protobuf;
using Pipeline.Data.Tests.RecordIO.Proto;
using Record = Pipeline.Data.Tests.RecordIO.Proto.Record;

namespace Pipeline.Data.Tests.RecordIO;

/// <summary>Records built and serialized by Google.Protobuf from the compiled record.proto.</summary>
internal static class ProtoRecords
{
    public static Record Dense(float[] features, float? label)
    {
        var tensor = new Float32Tensor();
        tensor.Values.Add(features);
        var record = new Record();
        record.Features.Add("values", new Value { Float32Tensor = tensor });
        if (label is { } value)
            record.Label.Add("values", LabelValue(value));
        return record;
    }

    public static Record Sparse(float[] values, ulong[] keys, ulong[]? shape, float? label)
    {
        var tensor = new Float32Tensor();
        tensor.Values.Add(values);
        tensor.Keys.Add(keys);
        if (shape is not null)
            tensor.Shape.Add(shape);
        var record = new Record();
        record.Features.Add("values", new Value { Float32Tensor = tensor });
        if (label is { } value)
            record.Label.Add("values", LabelValue(value));
        return record;
    }

    /// <summary>A record with no features and <c>label[keys[i]]</c> a one-value Float32Tensor of values[i], in that order.</summary>
    public static Record Labels(string[] keys, float[] values)
    {
        var record = new Record();
        for (var i = 0; i < keys.Length; i++)
            record.Label.Add(keys[i], LabelValue(values[i]));
        return record;
    }

    public static Value LabelValue(float label)
    {
        var tensor = new Float32Tensor();
        tensor.Values.Add(label);
        return new Value { Float32Tensor = tensor };
    }

    public static byte[] Framed(params IMessage[] records) => [.. records.SelectMany(r => DmlcFraming.Frame(r.ToByteArray()))];
}
