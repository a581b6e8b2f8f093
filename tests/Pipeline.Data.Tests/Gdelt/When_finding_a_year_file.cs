using Pipeline.Data.Gdelt;

namespace Pipeline.Data.Tests.Gdelt;

public sealed class When_finding_a_year_file : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("gdelt-files-");

    public void Dispose() => _folder.Delete(recursive: true);

    private void Touch(string name) => File.WriteAllText(Path.Combine(_folder.FullName, name), "");

    [Theory]
    [InlineData("1979.csv")]
    [InlineData("1979.TSV")]
    [InlineData("1979.csv.gz")]
    [InlineData("1979.ZIP")]
    public void Finds_it_whatever_the_case_of_its_name(string name)
    {
        Touch(name);
        Touch("19790.csv");
        Touch("1980.csv");

        Assert.Equal(name, Path.GetFileName(GdeltFiles.FindYear(_folder.FullName, 1979)));
    }

    [Fact]
    public void Prefers_the_plain_file_when_several_are_there()
    {
        Touch("1981.zip");
        Touch("1981.csv");

        Assert.Equal("1981.csv", Path.GetFileName(GdeltFiles.FindYear(_folder.FullName, 1981)));
    }

    [Fact]
    public void Finds_nothing_for_a_missing_year_or_folder()
    {
        Touch("1980.csv");
        Touch("19821.csv");
        Touch("1982.csv.bak");

        Assert.Null(GdeltFiles.FindYear(_folder.FullName, 1982));
        Assert.Null(GdeltFiles.FindYear(Path.Combine(_folder.FullName, "absent"), 1980));
    }
}
