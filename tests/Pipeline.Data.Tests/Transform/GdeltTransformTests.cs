using Pipeline.Data.Gdelt;
using Pipeline.Data.Tests.Fidelity;
using Pipeline.Data.Transform;

namespace Pipeline.Data.Tests.Transform;

public sealed class GdeltTransformTests
{
    private static readonly EventVocabulary Vocabulary = new([42, 10, 834, 190]);

    private static GdeltEvent Row(int code, double lat1 = 10, double long1 = 20, double lat2 = 30, double long2 = 40) =>
        new(code, NumArticles: 7, AvgTone: -2.5, lat1, long1, lat2, long2, Line: 1);

    [Fact]
    public void Vocabulary_columns_follow_numeric_code_order()
    {
        Assert.Equal([10, 42, 190, 834], Vocabulary.Codes);
        Assert.Equal(0, Vocabulary.ColumnOf(10));
        Assert.Equal(3, Vocabulary.ColumnOf(834));
        Assert.Equal(-1, Vocabulary.ColumnOf(43));
    }

    [Fact]
    public void Most_frequent_takes_the_top_counts_breaking_ties_towards_the_smaller_code()
    {
        var counts = new Dictionary<int, long> { [10] = 5, [20] = 9, [30] = 5, [40] = 1, [50] = 9 };

        var top = EventVocabulary.MostFrequent(counts, size: 3);

        Assert.Equal([10, 20, 50], top.Codes);
    }

    [Theory]
    [InlineData(43, 1, 1, 1, 1, RowFate.CodeOutsideVocabulary)]
    [InlineData(43, 0, 0, 1, 1, RowFate.CodeOutsideVocabulary)]
    [InlineData(42, 0, 0, 1, 1, RowFate.ActorAtZeroZero)]
    [InlineData(42, 1, 1, 0, 0, RowFate.ActorAtZeroZero)]
    [InlineData(42, 0, 1, 1, 0, RowFate.Kept)]
    [InlineData(42, double.NaN, 1, 1, 1, RowFate.MissingCoordinates)]
    [InlineData(42, 1, 1, 1, double.NaN, RowFate.MissingCoordinates)]
    [InlineData(42, 1, 1, 1, 1, RowFate.Kept)]
    public void Classify_filters_in_the_notebooks_order(int code, double lat1, double long1, double lat2, double long2, RowFate expected)
    {
        var fate = new GdeltTransform(Vocabulary).Classify(Row(code, lat1, long1, lat2, long2), out var column);

        Assert.Equal(expected, fate);
        Assert.Equal(code == 42 ? 1 : -1, column); // 42 is the second code in numeric order
    }

    [Fact]
    public void Features_are_num_articles_coordinates_then_one_hot_code()
    {
        var transform = new GdeltTransform(Vocabulary);
        var kept = new KeptRows(transform);
        kept.Add(Row(190, 1.5, -2.25, 3, -4));
        var features = new float[transform.FeatureDim];

        var label = kept.Read(0, features);

        Assert.Equal(9, transform.FeatureDim);
        Assert.Equal([7f, 1.5f, -2.25f, 3f, -4f, 0f, 0f, 1f, 0f], features);
        Assert.Equal(-2.5f, label);
    }

    [Fact]
    public void Kept_rows_read_back_as_they_were_added()
    {
        var kept = new KeptRows(new GdeltTransform(Vocabulary));
        // More than two of KeptRows' 65,536-row blocks, so rows on both sides of a block boundary are read back.
        var rows = NumberedRows(140_000);
        foreach (var row in rows)
            kept.Add(row);

        Assert.Equal(rows.Count, kept.Count);
        AssertRows(rows, kept);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(65)]
    [InlineData(140_000)]
    public void Shuffled_rows_stand_where_numpys_permutation_puts_them(int count)
    {
        var kept = new KeptRows(new GdeltTransform(Vocabulary));
        var rows = NumberedRows(count);
        foreach (var row in rows)
            kept.Add(row);

        kept.Shuffle(1729);

        // What pandas' sample(frac=1, random_state=1729) uses, from numpy itself.
        var permutation = NumpyReference.Permutation(seed: 1729, count);
        AssertRows(permutation.Select(i => rows[i]).ToList(), kept);
    }

    /// <summary>Rows that tell their position: label i / 7, coordinates from i, and code i mod 4 of the vocabulary.</summary>
    private static List<GdeltEvent> NumberedRows(int count) =>
        Enumerable.Range(0, count).Select(i => Row(Vocabulary.Codes[i % 4], i, -i, i * 0.5, 1) with { AvgTone = i / 7.0 }).ToList();

    /// <summary>Each kept row reads back as the row expected at its place: NumArticles, coordinates, one-hot code; AvgTone as label.</summary>
    private static void AssertRows(List<GdeltEvent> expected, KeptRows kept)
    {
        var features = new float[kept.Transform.FeatureDim];
        for (var i = 0; i < expected.Count; i++)
        {
            var row = expected[i];
            var oneHot = new float[Vocabulary.Count];
            oneHot[Array.IndexOf(Vocabulary.Codes.ToArray(), row.EventCode)] = 1f;
            float[] wanted = [(float)row.NumArticles, (float)row.Actor1Lat, (float)row.Actor1Long, (float)row.Actor2Lat, (float)row.Actor2Long, .. oneHot];

            Assert.Equal((float)row.AvgTone, kept.Read(i, features));
            Assert.Equal(wanted, features);
        }
    }

    [Theory]
    [InlineData(10, 9)]
    [InlineData(11, 9)]
    [InlineData(7, 6)]
    [InlineData(1, 0)]
    public void Split_keeps_int_of_ninety_percent_for_training(int rows, int train)
    {
        var split = NotebookSplit.For(rows);

        Assert.Equal(train, split.TrainCount);
        Assert.Equal(rows - train, split.ValidationCount);
        Assert.Equal(train, split.Train.GetOffsetAndLength(rows).Length);
        Assert.Equal((train, rows - train), split.Validation.GetOffsetAndLength(rows));
    }
}
