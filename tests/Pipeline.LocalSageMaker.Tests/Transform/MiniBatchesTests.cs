using System.Text;
using Pipeline.LocalSageMaker.Transform;

namespace Pipeline.LocalSageMaker.Tests.Transform;

public sealed class MiniBatchesTests
{
    private static readonly byte[] Lines = Encoding.ASCII.GetBytes("aaaa\nbb\ncccccc\nd\neeeee\n");

    [Fact]
    public void MultiRecord_packs_whole_lines_greedily_without_exceeding_the_limit()
    {
        var batches = MiniBatches.Split(Lines, splitLines: true, multiRecord: true, maxPayloadBytes: 10, "s3://b/x");

        // Lines with their breaks: 5, 3, 7, 2, 6 bytes -> [5+3], [7+2], [6].
        Assert.Equal([(0, 8, 1, 2), (8, 9, 3, 2), (17, 6, 5, 1)], batches.Select(b => (b.Start, b.Length, b.FirstRecord, b.Records)));
    }

    [Fact]
    public void SingleRecord_sends_each_line_alone_and_a_final_line_break_starts_no_record()
    {
        var batches = MiniBatches.Split(Lines, splitLines: true, multiRecord: false, maxPayloadBytes: 0, "s3://b/x");

        Assert.Equal([1, 2, 3, 4, 5], batches.Select(b => b.FirstRecord));
        Assert.All(batches, b => Assert.Equal(1, b.Records));
        Assert.Equal(["aaaa", "bb", "cccccc", "d", "eeeee"],
            MiniBatches.Records(Lines, new MiniBatch(0, Lines.Length, 1, 5)).Select(r => Encoding.ASCII.GetString(Lines, r.Start, r.Length)));
    }

    [Fact]
    public void A_line_larger_than_the_limit_is_named()
    {
        var failed = Assert.Throws<TransformFailedException>(() => MiniBatches.Split(Lines, splitLines: true, multiRecord: true, maxPayloadBytes: 6, "s3://b/x"));

        Assert.StartsWith("ClientError: Record 3 of s3://b/x is 7 bytes", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_split_the_object_is_one_request()
    {
        var batch = Assert.Single(MiniBatches.Split(Lines, splitLines: false, multiRecord: true, maxPayloadBytes: 0, "s3://b/x"));

        Assert.Equal((0, Lines.Length), (batch.Start, batch.Length));
    }
}
