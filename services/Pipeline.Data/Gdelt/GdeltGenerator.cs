using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Pipeline.Data.Gdelt;

/// <summary>
/// Writes GDELT 1.0 historical event files (57 tab-separated columns, no header) with realistic distributions:
/// CAMEO codes Zipf-skewed over ~250 real codes, log-normal article counts, real places (names with commas),
/// about 14 % of rows with a (0, 0) actor location and 4 % with empty geography, and an AvgTone that depends
/// on the root code's quad class and on Actor1's latitude band plus noise, so a model has something to learn.
/// The same (seed, year, rows) always gives the same bytes. Rows are assembled from precomputed UTF-8
/// fragments; only numbers are formatted per row.
/// </summary>
public sealed class GdeltGenerator(int seed)
{
    /// <summary>Per actor location: the share written as lat/long 0 (the historical files' "unknown").</summary>
    public const double ZeroGeographyShare = 0.075;

    /// <summary>Per actor location: the share written as empty fields (as the daily files do).</summary>
    public const double EmptyGeographyShare = 0.02;

    /// <summary>Exponent of the Zipf law over <see cref="CameoCodes.ByUsage"/>.</summary>
    private const double ZipfExponent = 1.05;

    private const int CodeTableBits = 16;
    private const double HomePlaceShare = 0.75;
    private const double ToneNoise = 2.0;

    private static readonly Fragments Shared = new();

    /// <summary>Writes <paramref name="rows"/> rows of <paramref name="year"/>; returns the bytes written.</summary>
    public long WriteYear(Stream output, int year, long rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);

        var random = new SeededRandom(((ulong)(uint)seed << 32) | (uint)year);
        var days = DayFragments(year, out var dateAdded);
        var firstId = (year - 1900L) * 1_000_000_000L;
        var shared = Shared;
        var rowLimit = shared.MaxRowBytes;

        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        var position = 0;
        long written = 0;
        try
        {
            for (long i = 0; i < rows; i++)
            {
                if (buffer.Length - position < rowLimit)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    output.Write(buffer, 0, position);
                    written += position;
                    position = 0;
                }

                var span = buffer.AsSpan();
                // GLOBALEVENTID increases in steps of 1-10; dates run through the year in order, as in GDELT's files.
                Number(span, ref position, firstId + i * 10 + random.Next(10));
                span[position++] = (byte)'\t';
                Append(span, ref position, days[(int)(i * days.Length / rows)]);

                var actor1 = random.Next(shared.Actors.Length);
                var geo1 = PickGeography(ref random, shared, actor1);
                var actor2 = random.Next(shared.Actors.Length);
                var geo2 = PickGeography(ref random, shared, actor2);
                Append(span, ref position, shared.Actors[actor1]);
                // An actor GDELT could not place is often an actor it could not name either.
                Append(span, ref position, geo2 < 0 && random.NextDouble() < 0.5 ? shared.NoActor : shared.Actors[actor2]);
                span[position++] = random.NextDouble() < 0.45 ? (byte)'1' : (byte)'0';
                span[position++] = (byte)'\t';

                var code = shared.CodeByQuantile[random.NextUInt64() >> (64 - CodeTableBits)];
                Append(span, ref position, shared.Codes[code]);

                var (z1, z2) = random.NextGaussianPair();
                var articles = (long)Math.Min(50_000, Math.Max(1, Math.Round(Math.Exp(0.6 + 1.1 * z1))));
                var sources = Math.Max(1, (long)(articles * (0.2 + 0.8 * random.NextDouble())));
                var mentions = articles + (long)(articles * 0.6 * random.NextDouble());
                Number(span, ref position, mentions);
                span[position++] = (byte)'\t';
                Number(span, ref position, sources);
                span[position++] = (byte)'\t';
                Number(span, ref position, articles);
                span[position++] = (byte)'\t';

                var tone = shared.CodeTone[code] + GeographyTone(shared, geo1) + 0.5 * GeographyTone(shared, geo2) + ToneNoise * z2;
                Utf8Formatter.TryFormat(Math.Clamp(tone, -30, 30), span[position..], out var toneBytes, new StandardFormat('F', 10));
                position += toneBytes;
                span[position++] = (byte)'\t';

                Append(span, ref position, shared.Geography(geo1));
                Append(span, ref position, shared.Geography(geo2));
                var actionGeo = random.NextDouble() switch
                {
                    < 0.45 => geo1,
                    < 0.9 => geo2,
                    _ => random.Next(shared.Places.Length),
                };
                Append(span, ref position, shared.Geography(actionGeo));
                Append(span, ref position, dateAdded is null ? days[(int)(i * days.Length / rows)].AsSpan(0, 8) : dateAdded);
                span[position++] = (byte)'\n';
            }

            output.Write(buffer, 0, position);
            written += position;
            return written;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A place index, or <see cref="Fragments.ZeroGeography"/> / <see cref="Fragments.EmptyGeography"/>.</summary>
    private static int PickGeography(ref SeededRandom random, Fragments shared, int actor)
    {
        var roll = random.NextDouble();
        if (roll < ZeroGeographyShare)
            return Fragments.ZeroGeography;
        if (roll < ZeroGeographyShare + EmptyGeographyShare)
            return Fragments.EmptyGeography;
        var home = shared.HomePlace[actor];
        return home >= 0 && random.NextDouble() < HomePlaceShare ? home : random.Next(shared.Places.Length);
    }

    /// <summary>Tropics read darker than the temperate north in this synthetic world; unknown places are neutral.</summary>
    private static double GeographyTone(Fragments shared, int geo) => geo < 0 ? 0 : shared.PlaceTone[geo];

    private static void Append(Span<byte> span, ref int position, ReadOnlySpan<byte> fragment)
    {
        fragment.CopyTo(span[position..]);
        position += fragment.Length;
    }

    private static void Number(Span<byte> span, ref int position, long value)
    {
        Utf8Formatter.TryFormat(value, span[position..], out var bytes);
        position += bytes;
    }

    /// <summary>Per day of the year: "SQLDATE\tMonthYear\tYear\tFractionDate\t"; DATEADDED is GDELT's backfile date before 2013.</summary>
    private static byte[][] DayFragments(int year, out byte[]? dateAdded)
    {
        var first = new DateOnly(year, 1, 1);
        var count = DateTime.IsLeapYear(year) ? 366 : 365;
        var days = new byte[count][];
        for (var d = 0; d < count; d++)
        {
            var date = first.AddDays(d);
            var fraction = year + (d + 1) / 365.0;
            days[d] = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $"{date:yyyyMMdd}\t{date:yyyyMM}\t{year}\t{fraction:F4}\t"));
        }

        dateAdded = year < 2013 ? "20130203"u8.ToArray() : null;
        return days;
    }

    /// <summary>Everything that does not depend on the seed or the year, encoded once.</summary>
    private sealed class Fragments
    {
        public const int ZeroGeography = -1;
        public const int EmptyGeography = -2;

        private static readonly double[] QuadTone = [0, 1.8, 2.8, -1.6, -4.2];

        private readonly byte[] _zeroGeography = "\t\t\t\t0\t0\t0\t"u8.ToArray();
        private readonly byte[] _emptyGeography = "0\t\t\t\t\t\t\t"u8.ToArray();

        public Fragments()
        {
            var codes = CameoCodes.ByUsage;
            Codes = new byte[codes.Count][];
            CodeTone = new double[codes.Count];
            for (var c = 0; c < codes.Count; c++)
            {
                var root = CameoCodes.Root(codes[c]);
                var quad = CameoCodes.QuadClass(root);
                Codes[c] = Utf8($"{codes[c]}\t{CameoCodes.BaseCode(codes[c])}\t{CameoCodes.RootCode(codes[c])}\t{quad}\t{CameoCodes.Goldstein(root)}\t");
                CodeTone[c] = QuadTone[quad] + ((root * 7 % 5) - 2) * 0.3;
            }

            CodeByQuantile = ZipfTable(codes.Count);

            var actors = GdeltGazetteer.Actors;
            Actors = new byte[actors.Count][];
            HomePlace = new int[actors.Count];
            for (var a = 0; a < actors.Count; a++)
            {
                var x = actors[a];
                Actors[a] = Utf8($"{x.Code}\t{x.Name}\t{x.CountryCode}\t{x.KnownGroup}\t{x.Ethnic}\t{x.Religion1}\t{x.Religion2}\t{x.Type1}\t{x.Type2}\t{x.Type3}\t");
                HomePlace[a] = x.HomePlace;
            }

            var places = GdeltGazetteer.Places;
            Places = new byte[places.Count][];
            PlaceTone = new double[places.Count];
            for (var p = 0; p < places.Count; p++)
            {
                var x = places[p];
                Places[p] = Utf8($"{x.Type}\t{x.FullName}\t{x.CountryCode}\t{x.Adm1Code}\t{x.Lat}\t{x.Long}\t{x.FeatureId}\t");
                PlaceTone[p] = Math.Abs(x.Latitude) switch
                {
                    < 23.5 => -1.5,
                    < 45 => 0,
                    _ => 1.0,
                };
            }

            MaxRowBytes = 64 + Codes.Max(f => f.Length) + 2 * Actors.Max(f => f.Length) + 3 * Places.Max(f => f.Length) + 256;
        }

        public byte[][] Codes { get; }
        public double[] CodeTone { get; }

        /// <summary>Code index for each of 2^16 equal slices of [0, 1): sampling is one lookup.</summary>
        public ushort[] CodeByQuantile { get; }

        public byte[][] Actors { get; }
        public byte[] NoActor { get; } = "\t\t\t\t\t\t\t\t\t\t"u8.ToArray();
        public int[] HomePlace { get; }
        public byte[][] Places { get; }
        public double[] PlaceTone { get; }
        public int MaxRowBytes { get; }

        public byte[] Geography(int geo) => geo switch
        {
            ZeroGeography => _zeroGeography,
            EmptyGeography => _emptyGeography,
            _ => Places[geo],
        };

        private static ushort[] ZipfTable(int count)
        {
            var weights = new double[count];
            var total = 0.0;
            for (var rank = 0; rank < count; rank++)
                total += weights[rank] = Math.Pow(rank + 1, -ZipfExponent);

            var table = new ushort[1 << CodeTableBits];
            var code = 0;
            var cumulative = weights[0] / total;
            for (var slot = 0; slot < table.Length; slot++)
            {
                var quantile = (slot + 0.5) / table.Length;
                while (quantile > cumulative && code < count - 1)
                    cumulative += weights[++code] / total;
                table[slot] = (ushort)code;
            }

            return table;
        }

        private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
    }
}
