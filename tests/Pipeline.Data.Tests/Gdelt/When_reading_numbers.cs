using System.Globalization;
using System.Text;
using static Pipeline.Data.Tests.Support.GdeltRows;

namespace Pipeline.Data.Tests.Gdelt;

/// <summary>Numbers come out bit for bit as double.Parse reads them, whichever way the reader parses them.</summary>
public sealed class When_reading_numbers
{
    [Theory]
    [InlineData("-3.1234567890")]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("-0.0")]
    [InlineData(".5")]
    [InlineData("-.5")]
    [InlineData("0.1")]
    [InlineData("00012.50")]
    [InlineData("123456789012345")]
    [InlineData("12345678901234.5")]
    [InlineData("0.000000000000001")]
    [InlineData("1234567890123456")]
    [InlineData("9007199254740993")]
    [InlineData("999999999999999.9")]
    [InlineData("0.1000000000000000055511151231257827")]
    [InlineData("+2.5")]
    [InlineData("1e3")]
    [InlineData("-1.5E-7")]
    [InlineData("-0.34188034188034")]
    [InlineData("12345678.87654321")]
    [InlineData("1.2345678901234")]
    [InlineData("123456789012345678901234")]
    [InlineData("0.12345678901234567890")]
    public void Each_number_is_what_double_parse_makes_of_it(string text)
    {
        var row = Assert.Single(ReadAll(Utf8(Line(avgTone: text) + "\n"), out _));

        Assert.Equal(BitConverter.DoubleToInt64Bits(Expected(text)), BitConverter.DoubleToInt64Bits(row.AvgTone));
    }

    [Theory]
    [InlineData("1.")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("--1")]
    [InlineData("1-")]
    [InlineData("12345678x")]
    [InlineData("1234.5678901x")]
    [InlineData("1234567:")]
    [InlineData("0.1234567/")]
    [InlineData("12345678.")]
    public void Text_that_double_parse_refuses_is_refused(string text)
    {
        var accepted = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

        var rows = ReadAll(Utf8(Line(avgTone: text) + "\n"), out _);

        Assert.Equal(accepted ? 1 : 0, rows.Count);
    }

    [Fact]
    public void Random_decimals_of_up_to_eighteen_digits_match_double_parse()
    {
        var random = new Random(7);
        var texts = new List<string>();
        for (var i = 0; i < 20_000; i++)
        {
            var digits = new StringBuilder();
            var count = random.Next(1, 19);
            for (var d = 0; d < count; d++)
                digits.Append((char)('0' + random.Next(10)));
            var point = random.Next(-1, count);
            var text = point < 0 ? digits.ToString() : $"{digits.ToString(0, point)}.{digits.ToString(point, count - point)}";
            if (text.EndsWith('.'))
                text += "0";
            texts.Add(random.Next(2) == 0 ? text : "-" + text);
        }

        var rows = ReadAll(Utf8(string.Concat(texts.Select(t => Line(lat1: t) + "\n"))), out _);

        Assert.Equal(texts.Count, rows.Count);
        for (var i = 0; i < texts.Count; i++)
            Assert.True(BitConverter.DoubleToInt64Bits(Expected(texts[i])) == BitConverter.DoubleToInt64Bits(rows[i].Actor1Lat),
                $"'{texts[i]}' was read as {rows[i].Actor1Lat:R}, double.Parse gives {Expected(texts[i]):R}");
    }

    private static double Expected(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
