using Pipeline.Cli.Tests.Support;
using Pipeline.Data.Gdelt;
using static Pipeline.Cli.Tests.Support.CommandLine;

namespace Pipeline.Cli.Tests.Commands;

public sealed class When_generating_data : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Out(string name) => Path.Combine(_folder.Path, name);

    [Fact]
    public async Task Writes_one_readable_csv_per_year_and_reports_size_and_speed()
    {
        var (exitCode, console) = await Run(["generate", "--years", "1979-1981", "--rows-per-year", "700", "--seed", "7", "--out", Out("a")]);

        Assert.Equal(0, exitCode);
        Assert.Equal(["1979.csv", "1980.csv", "1981.csv"], Directory.GetFiles(Out("a")).Select(Path.GetFileName).Order());
        foreach (var year in new[] { 1979, 1980, 1981 })
        {
            using var reader = new GdeltReader(File.OpenRead(Path.Combine(Out("a"), $"{year}.csv")), $"{year}.csv");
            while (reader.TryRead(out _))
            {
            }

            Assert.Equal(700, reader.Report.RowsReturned);
            Assert.Equal(0, reader.Report.MalformedRows);
        }

        Assert.Equal(4, console.Lines.Count);
        Assert.All(console.Lines, line => Assert.Matches(@" MB .*MB/s", line));
        Assert.StartsWith("1979.csv", console.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_the_same_bytes_again_for_the_same_seed()
    {
        await Run(["generate", "--years", "1984", "--rows-per-year", "300", "--seed", "11", "--out", Out("a")]);
        await Run(["generate", "--years", "1984", "--rows-per-year", "300", "--seed", "11", "--out", Out("b")]);
        await Run(["generate", "--years", "1984", "--rows-per-year", "300", "--seed", "12", "--out", Out("c")]);

        var first = await File.ReadAllBytesAsync(Path.Combine(Out("a"), "1984.csv"));
        Assert.Equal(first, await File.ReadAllBytesAsync(Path.Combine(Out("b"), "1984.csv")));
        Assert.NotEqual(first, await File.ReadAllBytesAsync(Path.Combine(Out("c"), "1984.csv")));
    }

    [Theory]
    [InlineData("19x9", "10")]
    [InlineData("1984-1979", "10")]
    [InlineData("1979-1980", "0")]
    [InlineData("1979-1980", "x")]
    [InlineData("1979-1980", "-5")]
    public async Task Refuses_bad_options_and_writes_nothing(string years, string rows)
    {
        var result = await Run(["generate", "--years", years, "--rows-per-year", rows, "--out", Out("bad")]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.NotEmpty(result.Errors);
        Assert.False(Directory.Exists(Out("bad")));
    }
}
