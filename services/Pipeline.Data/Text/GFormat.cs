using System.Globalization;

namespace Pipeline.Data.Text;

/// <summary>
/// Writes a number as C's printf("%g") does (what the notebook's numpy savetxt(fmt='%g') sends): 6 significant
/// digits, correctly rounded from the exact binary value with ties to even; exponent form when the exponent is
/// below -4 or at least 6; trailing zeros dropped. ASCII straight into a byte span, no string per number.
/// </summary>
public static class GFormat
{
    /// <summary>The longest output: "-1.23457e+308".</summary>
    public const int MaxLength = 13;

    private const int Precision = 6;

    /// <returns>The number of bytes written.</returns>
    public static int Write(double value, Span<byte> destination)
    {
        if (destination.Length < MaxLength)
            throw new ArgumentException($"The destination needs room for {MaxLength} bytes.", nameof(destination));
        if (double.IsNaN(value))
            return WriteAscii("nan", destination);
        if (double.IsInfinity(value))
            return WriteAscii(value > 0 ? "inf" : "-inf", destination);

        var pos = 0;
        if (double.IsNegative(value))
        {
            destination[pos++] = (byte)'-';
            value = -value;
        }

        if (value == 0)
        {
            destination[pos++] = (byte)'0';
            return pos;
        }

        var (mantissa, exponent) = RoundToSignificantDigits(value);
        Span<byte> digits = stackalloc byte[Precision];
        for (var i = Precision - 1; i >= 0; i--, mantissa /= 10)
            digits[i] = (byte)('0' + mantissa % 10);
        var significant = Precision;
        while (significant > 1 && digits[significant - 1] == '0')
            significant--;

        if (exponent is >= -4 and < Precision)
        {
            if (exponent >= 0)
            {
                digits[..(exponent + 1)].CopyTo(destination[pos..]);
                pos += exponent + 1;
                if (significant > exponent + 1)
                {
                    destination[pos++] = (byte)'.';
                    digits[(exponent + 1)..significant].CopyTo(destination[pos..]);
                    pos += significant - exponent - 1;
                }
            }
            else
            {
                destination[pos++] = (byte)'0';
                destination[pos++] = (byte)'.';
                for (var i = -1; i > exponent; i--)
                    destination[pos++] = (byte)'0';
                digits[..significant].CopyTo(destination[pos..]);
                pos += significant;
            }

            return pos;
        }

        destination[pos++] = digits[0];
        if (significant > 1)
        {
            destination[pos++] = (byte)'.';
            digits[1..significant].CopyTo(destination[pos..]);
            pos += significant - 1;
        }

        destination[pos++] = (byte)'e';
        destination[pos++] = exponent < 0 ? (byte)'-' : (byte)'+';
        var magnitude = Math.Abs(exponent);
        if (magnitude >= 100)
            destination[pos++] = (byte)('0' + magnitude / 100);
        destination[pos++] = (byte)('0' + magnitude / 10 % 10);
        destination[pos++] = (byte)('0' + magnitude % 10);
        return pos;
    }

    public static string Format(double value)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        var length = Write(value, buffer);
        return System.Text.Encoding.ASCII.GetString(buffer[..length]);
    }

    /// <summary>
    /// The value (positive, finite) rounded to 6 significant digits: mantissa in [100000, 999999] and the decimal
    /// exponent of its first digit. Since .NET Core 3.0 "E5" rounds the exact binary value, ties to even, as glibc
    /// does (checked against Python's %g on 2 million doubles and floats, and on 200,000 exact ties).
    /// </summary>
    private static (int Mantissa, int Exponent) RoundToSignificantDigits(double value)
    {
        Span<char> text = stackalloc char[16];
        value.TryFormat(text, out var length, "E5", CultureInfo.InvariantCulture);
        // "d.dddddE+xxx"
        var mantissa = text[0] - '0';
        for (var i = 2; i <= Precision; i++)
            mantissa = mantissa * 10 + (text[i] - '0');
        var exponent = int.Parse(text[(Precision + 2)..length], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return (mantissa, exponent);
    }

    private static int WriteAscii(string text, Span<byte> destination)
    {
        for (var i = 0; i < text.Length; i++)
            destination[i] = (byte)text[i];
        return text.Length;
    }
}
