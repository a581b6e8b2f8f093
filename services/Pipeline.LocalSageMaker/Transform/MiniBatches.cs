using System.Globalization;

namespace Pipeline.LocalSageMaker.Transform;

/// <summary>
/// One request of a transform: a contiguous range of an object's bytes holding <see cref="Records"/> records, the
/// first of which is record <see cref="FirstRecord"/> of the object (1-based).
/// </summary>
public readonly record struct MiniBatch(int Start, int Length, int FirstRecord, int Records);

/// <summary>
/// Cuts an object into the requests batch transform sends. SplitType None: the whole object is one request.
/// SplitType Line: records are the lines (a final line break ends the last record, it does not start an empty
/// one); SingleRecord sends each alone, MultiRecord packs as many consecutive records as fit, line breaks included,
/// under the payload limit.
/// </summary>
public static class MiniBatches
{
    /// <param name="maxPayloadBytes">The largest request body; 0 for no limit.</param>
    /// <exception cref="TransformFailedException">A record (or the whole object, with no split) is larger than the limit.</exception>
    public static List<MiniBatch> Split(ReadOnlySpan<byte> data, bool splitLines, bool multiRecord, long maxPayloadBytes, string objectUri)
    {
        var batches = new List<MiniBatch>();
        var limit = maxPayloadBytes == 0 ? long.MaxValue : maxPayloadBytes;
        if (!splitLines)
        {
            if (data.Length > limit)
                throw TooLarge($"The object {objectUri} is {data.Length:N0} bytes", maxPayloadBytes);
            if (data.Length > 0)
                batches.Add(new MiniBatch(0, data.Length, 1, 1));
            return batches;
        }

        int batchStart = 0, batchLength = 0, batchFirst = 1, batchRecords = 0, record = 0, at = 0;
        while (at < data.Length)
        {
            var newline = data[at..].IndexOf((byte)'\n');
            var length = newline < 0 ? data.Length - at : newline + 1; // with its line break
            record++;
            if (length > limit)
                throw TooLarge(string.Create(CultureInfo.InvariantCulture, $"Record {record} of {objectUri} is {length:N0} bytes"), maxPayloadBytes);
            if (batchRecords > 0 && (!multiRecord || batchLength + length > limit))
            {
                batches.Add(new MiniBatch(batchStart, batchLength, batchFirst, batchRecords));
                batchRecords = 0;
            }

            if (batchRecords == 0)
            {
                batchStart = at;
                batchLength = 0;
                batchFirst = record;
            }

            batchLength += length;
            batchRecords++;
            at += length;
        }

        if (batchRecords > 0)
            batches.Add(new MiniBatch(batchStart, batchLength, batchFirst, batchRecords));
        return batches;
    }

    /// <summary>The records of a batch of lines, as (start, length) ranges within the object, line breaks excluded.</summary>
    public static IEnumerable<(int Record, int Start, int Length)> Records(ReadOnlyMemory<byte> data, MiniBatch batch)
    {
        var at = batch.Start;
        var end = batch.Start + batch.Length;
        for (var i = 0; i < batch.Records; i++)
        {
            var newline = data.Span[at..end].IndexOf((byte)'\n');
            var length = newline < 0 ? end - at : newline;
            yield return (batch.FirstRecord + i, at, length);
            at += length + 1;
        }
    }

    private static TransformFailedException TooLarge(string what, long maxPayloadBytes) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"ClientError: {what}, more than MaxPayloadInMB ({maxPayloadBytes >> 20} MB) allows in one request."));
}
