namespace Pipeline.Evaluator.Tests;

public sealed class PredictionSampleTests
{
    private const int Capacity = 500;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(499)]
    [InlineData(500)]
    public void A_test_set_no_larger_than_the_sample_is_kept_whole(int rows)
    {
        var sample = Fill(rows);

        Assert.Equal(Enumerable.Range(0, rows).Select(i => (double)i), sample.Select(p => p.Actual));
    }

    [Theory]
    [InlineData(501)]
    [InlineData(1000)]
    [InlineData(3001)]
    [InlineData(8000)]
    public void A_test_set_up_to_16_times_the_sample_gives_exactly_the_rows_a_linspace_picks(int rows)
    {
        var sample = Fill(rows);

        // numpy's linspace(0, n, 500, endpoint=False) floored: rows 0, n/500, 2n/500, ...
        var expected = Enumerable.Range(0, Capacity).Select(i => (double)((long)i * rows / Capacity));
        Assert.Equal(expected, sample.Select(p => p.Actual));
        Assert.All(sample, p => Assert.Equal(-p.Actual, p.Predicted));
    }

    [Theory]
    [InlineData(8001)]
    [InlineData(16_001)]
    [InlineData(123_457)]
    [InlineData(1_000_000)]
    public void A_larger_test_set_gives_the_capacity_in_order_each_within_an_eighth_of_a_spacing_of_its_linspace_row(int rows)
    {
        var sample = Fill(rows);

        Assert.Equal(Capacity, sample.Count);
        var spacing = rows / (double)Capacity;
        for (var i = 0; i < Capacity; i++)
        {
            Assert.True(Math.Abs(sample[i].Actual - i * spacing) < spacing / 8, $"point {i} is row {sample[i].Actual}, target {i * spacing:0.#}");
            if (i > 0)
                Assert.True(sample[i].Actual > sample[i - 1].Actual, $"point {i} is not after point {i - 1}");
        }

        Assert.All(sample, p => Assert.Equal(-p.Actual, p.Predicted));
    }

    [Fact]
    public void No_rows_give_an_empty_sample() => Assert.Empty(Fill(0));

    [Fact]
    public void The_same_rows_give_the_same_sample() => Assert.Equal(Fill(54_321), Fill(54_321));

    /// <summary>Row i is the pair (i, -i), so each point says which row it is.</summary>
    private static IReadOnlyList<Contracts.PredictionPoint> Fill(int rows)
    {
        var sample = new PredictionSample(Capacity);
        for (var i = 0; i < rows; i++)
            sample.Add(i, -i);
        return sample.ToList();
    }
}
