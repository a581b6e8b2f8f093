using System.Globalization;
using System.Text.RegularExpressions;
using Pipeline.Data.Text;

namespace Pipeline.Data.Tests.Text;

public sealed partial class GFormatTests
{
    /// <summary>
    /// Expected strings produced outside .NET: a C program compiled with gcc on Debian that reads each literal with
    /// sscanf("%lf") (or "%f" for the float rows, then widened to double) and prints it with glibc's printf("%g").
    /// </summary>
    public static TheoryData<double, string> PrintfTable => new()
    {
        { 0.0001, "0.0001" },
        { 0.00001, "1e-05" },
        { 123456, "123456" },
        { 1234567, "1.23457e+06" },
        { -0.0, "-0" },
        { 0.0, "0" },
        { 1.5, "1.5" },
        { 100, "100" },
        { 1, "1" },
        { -1, "-1" },
        { 0.1, "0.1" },
        { 0.5, "0.5" },
        { 2.5, "2.5" },
        { 10, "10" },
        { 9.99999e-5, "9.99999e-05" },
        { 1.015625, "1.01562" },
        { 1234565, "1.23456e+06" },
        { 1234575, "1.23458e+06" },
        { 123456.5, "123456" },
        { 123457.5, "123458" },
        { 1.0000005, "1" },
        { 999999.5, "1e+06" },
        { 999999.4, "999999" },
        { 99999.95, "99999.9" },
        { 0.000123456789, "0.000123457" },
        { 123456.7, "123457" },
        { 12345.67, "12345.7" },
        { -33.83, "-33.83" },
        { 38.8951, "38.8951" },
        { -77.0364, "-77.0364" },
        { 1e100, "1e+100" },
        { 1e-100, "1e-100" },
        { 1.7976931348623157e308, "1.79769e+308" },
        { 4.9406564584124654e-324, "4.94066e-324" },
        { 2.2250738585072014e-308, "2.22507e-308" },
        { -2.5e-7, "-2.5e-07" },
        { 0.3333333333333333, "0.333333" },
        { 0.6666666666666666, "0.666667" },
        { 100000, "100000" },
        { 999999, "999999" },
        { 1000000, "1e+06" },
        { 123.456, "123.456" },
        { 0.00999999, "0.00999999" },
        { 9.999995, "10" },
        { 9.9999949, "9.99999" },
        { 65536, "65536" },
        { 3.14159265358979, "3.14159" },
        { -1234567.8, "-1.23457e+06" },
        { 1e21, "1e+21" },
        { 0.000099999, "9.9999e-05" },
        { 0.1f, "0.1" },
        { -37.3f, "-37.3" },
        { 38.8951f, "38.8951" },
        { -77.0364f, "-77.0364" },
        { 0.000123f, "0.000123" },
        { 1e-7f, "1e-07" },
        { 16777217f, "1.67772e+07" },
        { 3.4028235e38f, "3.40282e+38" },
        { 1.4e-45f, "1.4013e-45" },
        { 33.333f, "33.333" },
    };

    [Theory]
    [MemberData(nameof(PrintfTable))]
    public void Writes_what_printf_g_writes(double value, string expected) => Assert.Equal(expected, GFormat.Format(value));

    [Fact]
    public void Writes_not_a_number_and_infinities_as_numpy_does()
    {
        Assert.Equal("nan", GFormat.Format(double.NaN));
        Assert.Equal("inf", GFormat.Format(double.PositiveInfinity));
        Assert.Equal("-inf", GFormat.Format(double.NegativeInfinity));
    }

    [Fact]
    public void Keeps_six_significant_digits_of_random_doubles_and_floats()
    {
        var random = new Random(20240611);
        Span<byte> buffer = stackalloc byte[GFormat.MaxLength];
        for (var i = 0; i < 200_000; i++)
        {
            var value = (i % 3) switch
            {
                0 => BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue)),
                1 => BitConverter.Int32BitsToSingle(random.Next(int.MinValue, int.MaxValue)),
                _ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 9)),
            };
            if (!double.IsFinite(value))
                continue;

            var length = GFormat.Write(value, buffer);
            var text = System.Text.Encoding.ASCII.GetString(buffer[..length]);
            var match = GShape().Match(text);
            Assert.True(match.Success, $"{value:R} -> '{text}' is not %g-shaped");

            var digits = (match.Groups["int"].Value + match.Groups["frac"].Value).TrimStart('0');
            Assert.True(digits.Length <= 6 || value == 0, $"{value:R} -> '{text}' has more than 6 significant digits");

            // Exponent form exactly when the decimal exponent of the rounded value is below -4 or at least 6.
            var exponent = match.Groups["exp"].Success ? int.Parse(match.Groups["exp"].Value[1..], CultureInfo.InvariantCulture)
                : match.Groups["int"].Value != "0" ? match.Groups["int"].Value.Length - 1
                : -(match.Groups["frac"].Value.Length - match.Groups["frac"].Value.TrimStart('0').Length + 1);
            if (value != 0)
                Assert.Equal(exponent is < -4 or >= 6, match.Groups["exp"].Success);

            // Rounded to 6 significant digits: off by at most half a unit in the 6th digit (subnormals have
            // fewer significant bits than that, so parsing back cannot show it).
            var back = double.Parse(text, CultureInfo.InvariantCulture);
            if (Math.Abs(value) >= 2.2250738585072014E-308)
                Assert.True(Math.Abs(back - value) <= 5e-6 * Math.Abs(value) * (1 + 1e-12),
                    $"{value:R} -> '{text}' is {Math.Abs(back - value) / Math.Abs(value):E3} away relatively");
            Assert.Equal(double.IsNegative(value), text.StartsWith('-'));
        }
    }

    [Fact]
    public void Write_refuses_a_buffer_that_may_be_too_small() =>
        Assert.Throws<ArgumentException>(() => GFormat.Write(1, new byte[GFormat.MaxLength - 1]));

    [GeneratedRegex(@"^-?(?<int>\d+)(\.(?<frac>\d*[1-9]))?(?<exp>e[+-]\d{2,3})?$")]
    private static partial Regex GShape();
}
