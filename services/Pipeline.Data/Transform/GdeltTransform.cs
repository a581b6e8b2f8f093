using Pipeline.Data.Gdelt;

namespace Pipeline.Data.Transform;

/// <summary>
/// The notebook's transform_gdelt, row by row (DOMAIN.md section 1, steps 2-5): keep rows whose code is in the
/// vocabulary and whose actors are not at (0, 0); features NumArticles, the four coordinates, then one-hot codes
/// (laid out by <see cref="KeptRows"/>).
/// Unlike the notebook it also drops rows with a missing coordinate (pandas would carry NaN into training).
/// </summary>
public sealed class GdeltTransform(EventVocabulary vocabulary)
{
    public const int NumericFeatures = 5;

    public EventVocabulary Vocabulary { get; } = vocabulary;

    public int FeatureDim => NumericFeatures + Vocabulary.Count;

    /// <summary>
    /// Why a row is not used, in the order the notebook filters; <see cref="RowFate.Kept"/> when it is, with its code's
    /// one-hot <paramref name="column"/> (-1 for a code outside the vocabulary).
    /// </summary>
    public RowFate Classify(in GdeltEvent row, out int column)
    {
        column = Vocabulary.ColumnOf(row.EventCode);
        return column < 0 ? RowFate.CodeOutsideVocabulary : CoordinateFate(row);
    }

    /// <summary>
    /// The fate of a row whose code is in the vocabulary: the filters after the code's, which do not depend on the
    /// vocabulary (so the first year's rows can be sorted by them before the vocabulary is known).
    /// </summary>
    public static RowFate CoordinateFate(in GdeltEvent row)
    {
        if ((row.Actor1Lat == 0 && row.Actor1Long == 0) || (row.Actor2Lat == 0 && row.Actor2Long == 0))
            return RowFate.ActorAtZeroZero;
        if (double.IsNaN(row.Actor1Lat) || double.IsNaN(row.Actor1Long) || double.IsNaN(row.Actor2Lat) || double.IsNaN(row.Actor2Long))
            return RowFate.MissingCoordinates;
        return RowFate.Kept;
    }

    public static float Label(in GdeltEvent row) => (float)row.AvgTone;
}

public enum RowFate
{
    Kept,
    CodeOutsideVocabulary,
    ActorAtZeroZero,
    MissingCoordinates,
}

public static class RowFates
{
    /// <summary>The name a dropped row is counted under in ingestion reports.</summary>
    public static string Reason(this RowFate fate) => fate switch
    {
        RowFate.CodeOutsideVocabulary => "event code outside the vocabulary",
        RowFate.ActorAtZeroZero => "actor at (0, 0)",
        RowFate.MissingCoordinates => "missing coordinates",
        _ => throw new ArgumentOutOfRangeException(nameof(fate), fate, "a kept row has no drop reason"),
    };
}
