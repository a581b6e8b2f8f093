using Pipeline.Data.Gdelt;
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
        Assert.Equal(expected, new GdeltTransform(Vocabulary).Classify(Row(code, lat1, long1, lat2, long2)));
    }

    [Fact]
    public void Features_are_num_articles_coordinates_then_one_hot_code()
    {
        var transform = new GdeltTransform(Vocabulary);
        var features = new float[transform.FeatureDim];

        transform.WriteFeatures(Row(190, 1.5, -2.25, 3, -4), features);

        Assert.Equal(9, transform.FeatureDim);
        Assert.Equal([7f, 1.5f, -2.25f, 3f, -4f, 0f, 0f, 1f, 0f], features);
        Assert.Equal(-2.5f, GdeltTransform.Label(Row(190)));
    }

    [Fact]
    public void Kept_rows_read_back_as_the_transform_writes_them()
    {
        var transform = new GdeltTransform(Vocabulary);
        var kept = new KeptRows(transform);
        // More than two of KeptRows' 65,536-row blocks, so rows on both sides of a block boundary are read back.
        var rows = Enumerable.Range(0, 140_000).Select(i => Row(Vocabulary.Codes[i % 4], i, -i, i * 0.5, 1) with { AvgTone = i / 7.0 }).ToList();
        foreach (var row in rows)
            kept.Add(row);

        var expected = new float[transform.FeatureDim];
        var actual = new float[transform.FeatureDim];
        Assert.Equal(rows.Count, kept.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            transform.WriteFeatures(rows[i], expected);
            Assert.Equal((float)(i / 7.0), kept.Read(i, actual));
            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(65)]
    [InlineData(140_000)]
    public void Shuffled_rows_stand_in_numpys_permutation_order(int count)
    {
        var transform = new GdeltTransform(Vocabulary);
        var kept = new KeptRows(transform);
        // Each row tells its original position: its label, and its code's column (position mod 4).
        var rows = Enumerable.Range(0, count).Select(i => Row(Vocabulary.Codes[i % 4], i, -i, i * 0.5, 1) with { AvgTone = i / 7.0 }).ToList();
        foreach (var row in rows)
            kept.Add(row);

        kept.Shuffle(1729);

        var permutation = new NumpyRandomState(1729).Permutation(count);
        var expected = new float[transform.FeatureDim];
        var actual = new float[transform.FeatureDim];
        for (var i = 0; i < count; i++)
        {
            transform.WriteFeatures(rows[permutation[i]], expected);
            Assert.Equal(GdeltTransform.Label(rows[permutation[i]]), kept.Read(i, actual));
            Assert.Equal(expected, actual);
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
