namespace Pipeline.Data.Gdelt;

/// <summary>Zero-based positions of the columns the transform reads (DOMAIN.md section 2).</summary>
public static class GdeltColumns
{
    public const int HistoricalCount = 57;
    public const int DailyCount = 58;

    public const int EventCode = 26;
    public const int NumArticles = 33;
    public const int AvgTone = 34;
    public const int Actor1GeoLat = 39;
    public const int Actor1GeoLong = 40;
    public const int Actor2GeoLat = 46;
    public const int Actor2GeoLong = 47;
}
