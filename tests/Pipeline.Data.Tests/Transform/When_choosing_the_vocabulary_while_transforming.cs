using Pipeline.Data.Gdelt;
using Pipeline.Data.RecordIO;
using Pipeline.Data.Transform;
using Pipeline.Testing;
using static Pipeline.Data.Tests.Support.GdeltRows;

namespace Pipeline.Data.Tests.Transform;

/// <summary>
/// The first year in one pass (<see cref="YearTransform.ApplyChoosingVocabulary"/>) against the two passes it replaces:
/// count the codes, choose the vocabulary, then <see cref="YearTransform.Apply"/>. Same vocabulary, same kept rows
/// (compared as the RecordIO bytes of the split the builder writes), same counts with the reasons in the same order.
/// </summary>
public sealed class When_choosing_the_vocabulary_while_transforming
{
    private const int Seed = 1729;

    [Fact]
    public void The_real_sample_gives_what_counting_first_gives()
    {
        var file = File.ReadAllBytes(SharedData.GdeltSample);

        var (onePass, twoPasses) = BothWays(file, EventVocabulary.DefaultSize);

        AssertSame(twoPasses, onePass);
        Assert.True(onePass.Kept.Count > 0);
    }

    [Fact]
    public void A_generated_year_gives_what_counting_first_gives()
    {
        // Kept rows fill more than one 65,536-row block, and the candidates set aside on disk several of its 32,768-row buffers.
        using var content = new MemoryStream();
        new GdeltGenerator(seed: 7).WriteYear(content, 1979, rows: 200_000);

        var (onePass, twoPasses) = BothWays(content.ToArray(), EventVocabulary.DefaultSize);

        AssertSame(twoPasses, onePass);
        Assert.True(onePass.Kept.Count > 65_536, $"only {onePass.Kept.Count} rows kept");
        Assert.True(onePass.Dropped.GetValueOrDefault(RowFate.ActorAtZeroZero.Reason()) > 0);
        Assert.True(onePass.Dropped.GetValueOrDefault(RowFate.MissingCoordinates.Reason()) > 0);
        Assert.True(onePass.Dropped.GetValueOrDefault(RowFate.CodeOutsideVocabulary.Reason()) > 0);
    }

    [Fact]
    public void A_row_at_zero_zero_with_a_code_outside_the_vocabulary_counts_as_outside_the_vocabulary()
    {
        // Vocabulary of two: 10 (4 rows) and 20 (3 rows); 30 (2 rows) is outside it.
        string[] lines =
        [
            Line(eventCode: "30", lat1: "0", long1: "0"),        // outside the vocabulary, though at (0, 0)
            Line(eventCode: "020", lat2: ""),                    // missing coordinates
            Line(eventCode: "10", lat1: "0", long1: "0", lat2: ""), // at (0, 0): that filter comes first
            Line(eventCode: "10", avgTone: "1"),
            "not\ta\trow",                                       // malformed
            Line(eventCode: "30"),                               // outside the vocabulary
            Line(eventCode: "20", avgTone: "2"),
            Line(eventCode: "10", avgTone: "3"),
            Line(eventCode: "20", avgTone: "4"),
            Line(eventCode: "10", long2: ""),                    // missing coordinates
        ];

        var (onePass, twoPasses) = BothWays(Utf8(string.Join('\n', lines) + "\n"), vocabularySize: 2);

        Assert.Equal([10, 20], onePass.Kept.Transform.Vocabulary.Codes);
        Assert.Equal(
            [
                new("event code outside the vocabulary", 2),
                new("missing coordinates", 2),
                new("actor at (0, 0)", 1),
                new KeyValuePair<string, long>($"malformed: {GdeltMalformedReason.WrongColumnCount}", 1),
            ],
            onePass.Dropped.ToList());
        Assert.Equal(4, onePass.Kept.Count);
        var features = new float[onePass.Kept.Transform.FeatureDim];
        Assert.Equal([1f, 2f, 3f, 4f], Enumerable.Range(0, 4).Select(i => onePass.Kept.Read(i, features)));
        AssertSame(twoPasses, onePass); // last: it shuffles both
    }

    private static (YearTransform OnePass, YearTransform TwoPasses) BothWays(byte[] file, int vocabularySize)
    {
        var onePass = Read(file, reader => YearTransform.ApplyChoosingVocabulary(reader, vocabularySize));
        var vocabulary = EventVocabulary.MostFrequent(Read(file, YearTransform.CountCodes), vocabularySize);
        var twoPasses = Read(file, reader => YearTransform.Apply(reader, new GdeltTransform(vocabulary)));
        return (onePass, twoPasses);
    }

    /// <summary>Same vocabulary, counts and reports, and the same objects once both are shuffled (in place) and split.</summary>
    private static void AssertSame(YearTransform expected, YearTransform actual)
    {
        Assert.Equal(expected.Kept.Transform.Vocabulary.Codes, actual.Kept.Transform.Vocabulary.Codes);
        Assert.Equal(expected.RowsRead, actual.RowsRead);
        Assert.Equal(expected.Dropped.ToList(), actual.Dropped.ToList()); // in order: reports list reasons as met
        Assert.Equal(expected.Report.ToString(), actual.Report.ToString());
        Assert.Equal(expected.Kept.Count, actual.Kept.Count);
        var split = NotebookSplit.Shuffle(expected.Kept, Seed);
        Assert.Equal(split, NotebookSplit.Shuffle(actual.Kept, Seed));
        Assert.Equal(RecordIo(expected.Kept, split.Train), RecordIo(actual.Kept, split.Train));
        Assert.Equal(RecordIo(expected.Kept, split.Validation), RecordIo(actual.Kept, split.Validation));
    }

    private static byte[] RecordIo(KeptRows rows, Range range)
    {
        using var bytes = new MemoryStream();
        using (var writer = new RecordIoWriter(bytes, leaveOpen: true))
            rows.WriteTo(writer, range);
        return bytes.ToArray();
    }

    private static T Read<T>(byte[] file, Func<GdeltReader, T> read)
    {
        using var reader = new GdeltReader(new MemoryStream(file), "test");
        return read(reader);
    }
}
