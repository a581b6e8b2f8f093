using System.Globalization;
using System.Text;
using Pipeline.LocalSageMaker.Hosting.Inference;

namespace Pipeline.LocalSageMaker.Tests.Hosting.Inference;

public sealed class CsvFeatureRowsTests
{
    [Fact]
    public void Every_number_reads_as_float_Parse_reads_it()
    {
        var random = new Random(3);
        var fields = new List<string>();
        for (var i = 0; i < 20_000; i++)
        {
            var value = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 8));
            fields.Add(value.ToString($"F{random.Next(0, 11)}", CultureInfo.InvariantCulture)); // short and long decimals
            fields.Add(((float)value).ToString(CultureInfo.InvariantCulture)); // shortest round trip, exponents included
        }

        fields.AddRange(["0", "-0", "1.", ".5", "0000123.4500", "16777217", "0.0000000001", "1e3", " 2.5 "]);
        var rows = new CsvFeatureRows(Encoding.UTF8.GetBytes(string.Join("\n", fields) + "\r\n"));
        var read = new float[1];
        foreach (var field in fields)
        {
            Assert.True(rows.TryReadRow(read));
            Assert.Equal(float.Parse(field, CultureInfo.InvariantCulture), read[0]);
        }

        Assert.False(rows.TryReadRow(read));
    }

    [Fact]
    public void An_empty_line_or_field_is_an_error_naming_the_row()
    {
        var rows = new CsvFeatureRows("1,2\n\n3,4\n"u8.ToArray());
        var read = new float[2];
        rows.TryReadRow(read);

        var empty = Assert.Throws<InvalidInputException>(() => rows.TryReadRow(read));
        var field = Assert.Throws<InvalidInputException>(() => new CsvFeatureRows("1,\n"u8.ToArray()).TryReadRow(read));
        var wide = Assert.Throws<InvalidInputException>(() => new CsvFeatureRows("1,2,3,4\n"u8.ToArray()).TryReadRow(read));

        Assert.StartsWith("Row 2 is empty", empty.Message, StringComparison.Ordinal);
        Assert.Equal("Row 1, column 2 is empty.", field.Message);
        Assert.Equal("Row 1 has 4 features; the model takes 2 (feature_dim).", wide.Message);
    }

    [Fact]
    public void With_missing_values_an_empty_field_or_nan_reads_as_NaN_and_a_number_as_itself()
    {
        var rows = new CsvFeatureRows(",1.5,nan,\n"u8.ToArray(), missingValues: true);
        var read = new float[4];

        Assert.True(rows.TryReadRow(read));

        Assert.True(float.IsNaN(read[0]));
        Assert.Equal(1.5f, read[1]);
        Assert.True(float.IsNaN(read[2]));
        Assert.True(float.IsNaN(read[3]));
    }
}
