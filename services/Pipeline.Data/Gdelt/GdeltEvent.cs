namespace Pipeline.Data.Gdelt;

/// <summary>
/// The seven columns of a GDELT 1.0 event row the experiment uses (DOMAIN.md section 1). Numbers are kept as
/// double, as pandas reads them; they become float32 only when written. A missing coordinate is NaN.
/// </summary>
/// <param name="EventCode">The CAMEO code as pandas reads it: an integer, so "010" is 10 and "0834" is 834.</param>
/// <param name="Line">1-based line number in its file, for error reports.</param>
public readonly record struct GdeltEvent(
    int EventCode,
    double NumArticles,
    double AvgTone,
    double Actor1Lat,
    double Actor1Long,
    double Actor2Lat,
    double Actor2Long,
    long Line);
