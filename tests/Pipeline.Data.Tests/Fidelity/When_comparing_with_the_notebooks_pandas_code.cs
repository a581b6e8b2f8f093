using Pipeline.Data.Gdelt;
using Pipeline.Data.Transform;
using Pipeline.Testing;

namespace Pipeline.Data.Tests.Fidelity;

/// <summary>
/// Our transform against the notebook's own pandas code on the same file: same vocabulary, same drops, and the same
/// train and validation rows in the same shuffled order, compared as float32 values.
/// </summary>
public sealed class When_comparing_with_the_notebooks_pandas_code
{
    private const int Seed = 1729;

    [Fact]
    public async Task The_real_sample_gives_the_notebooks_rows_in_the_notebooks_order()
    {
        await AssertSameAsNotebook(SharedData.GdeltSample);
    }

    [Fact]
    public async Task A_generated_year_gives_the_notebooks_rows_in_the_notebooks_order()
    {
        var file = Path.Combine(Path.GetTempPath(), $"gdelt-fidelity-{Guid.NewGuid():N}.csv");
        try
        {
            await using (var output = File.Create(file))
                new GdeltGenerator(seed: 42).WriteYear(output, 1979, rows: 20_000);
            await AssertSameAsNotebook(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    internal static async Task AssertSameAsNotebook(string file)
    {
        var notebook = await NotebookReference.RunAsync(file, Seed);

        var counts = Read(file, YearTransform.CountCodes);
        Assert.Equal(notebook.Counts.OrderBy(c => c.Key), counts.OrderBy(c => c.Key));
        var ours = EventVocabulary.MostFrequent(counts);
        if (notebook.TiedAtTheEdge)
        {
            // Either choice is a top-20 by count; compare rows under pandas' choice.
            Assert.Equal(notebook.Vocabulary.Select(c => counts[c]).Order(), ours.Codes.Select(c => counts[c]).Order());
        }
        else
        {
            Assert.Equal(notebook.Vocabulary, ours.Codes);
        }

        var transform = new GdeltTransform(new EventVocabulary(notebook.Vocabulary));
        var year = Read(file, reader => YearTransform.Apply(reader, transform));
        Assert.Equal(notebook.MissingCoordinates, year.Dropped.GetValueOrDefault(RowFate.MissingCoordinates.Reason()));

        var split = NotebookSplit.Shuffle(year.Kept, Seed);
        Assert.Equal(notebook.Train, Rows(year.Kept, split.Train));
        Assert.Equal(notebook.Validation, Rows(year.Kept, split.Validation));
    }

    private static T Read<T>(string file, Func<GdeltReader, T> read)
    {
        using var stream = File.OpenRead(file);
        using var reader = new GdeltReader(stream, Path.GetFileName(file));
        return read(reader);
    }

    /// <summary>Rows as the notebook's arrays hold them: label first, then the features, row after row.</summary>
    private static float[] Rows(KeptRows kept, Range range)
    {
        var (start, length) = range.GetOffsetAndLength(kept.Count);
        var width = 1 + kept.Transform.FeatureDim;
        var rows = new float[length * width];
        for (var i = 0; i < length; i++)
        {
            var row = rows.AsSpan(i * width, width);
            row[0] = kept.Read(start + i, row[1..]);
        }

        return rows;
    }
}
