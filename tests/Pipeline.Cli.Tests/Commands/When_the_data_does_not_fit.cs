using Pipeline.Cli.Checks;
using Pipeline.Cli.Specs;
using Pipeline.Cli.Tests.Support;
using Pipeline.Contracts;
using static Pipeline.Cli.Tests.Support.CommandLine;

namespace Pipeline.Cli.Tests.Commands;

/// <summary>Generated rows a year against the free disk, before a byte is written.</summary>
public sealed class When_the_data_does_not_fit : IDisposable
{
    private const long GB = 1_000_000_000;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_trillion_rows_a_year_are_refused_up_front_with_exit_2_and_nothing_written()
    {
        var outFolder = Path.Combine(_folder.Path, "out");
        var world = When_every_part_is_there.World();

        var (exitCode, console) = await Run(["run", "--rows-per-year", "1000000000000", "--out", outFolder], s => When_every_part_is_there.Register(s, world))
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        var message = Assert.Single(console.Lines);
        Assert.StartsWith("Data.RowsPerYear 1,000,000,000,000 does not fit on this machine: it needs about 343,000.0 GB in ", message, StringComparison.Ordinal);
        Assert.Contains(" free. Ask for at most about ", message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(outFolder, "spec.json")));
    }

    [Fact]
    public void Temporary_folder_objects_and_instance_copies_on_one_disk_are_added_up()
    {
        var spec = DefaultSpec.Create() with { Data = DefaultSpec.Create().Data with { RowsPerYear = 10_000_000 } };
        var room = new DiskRoom(_ => ("/", 25 * GB));

        var problem = room.Problem(spec, "/tmp", "runs/objects", "runs/localsagemaker");

        // 10 M rows: 3.43 GB of temporary files, 84 B x 10 M x 6 years = 5.04 GB of objects, 84 B x 10 M x 5 years x 5 instances = 21 GB.
        Assert.Equal("Data.RowsPerYear 10,000,000 does not fit on this machine: it needs about 3.4 GB in /tmp for one generated year at a time, "
            + "5.0 GB in runs/objects for the prepared dataset, 21.0 GB in runs/localsagemaker for the training data copied to 5 instances, "
            + "29.5 GB in all on a disk with 25.0 GB free. Ask for at most about 8,483,203 rows a year.", problem);
    }

    [Fact]
    public void Generated_sales_that_would_fill_the_disk_are_refused_with_the_figures()
    {
        var blog = DefaultSpec.CreateXGBoost();
        var spec = blog with { Data = blog.Data with { Sales = new SalesDataSpec { Stores = 50, Items = 3000, Days = 300 } } };
        var room = new DiskRoom(_ => ("/", 25 * GB));

        var problem = room.Problem(spec, "/tmp", "runs/objects", "runs/localsagemaker");

        // 45 M rows of 52 B: the 4.2 M test rows (50 x 3,000 series x 28 days) wait in /tmp, all 45 M are stored, and the
        // 40.8 M train and validation rows are copied to each of 15 instances.
        Assert.Equal("Data.Sales (50 stores x 3000 items x 300 days, 45,000,000 rows) does not fit on this machine: it needs about "
            + "0.2 GB in /tmp for the test days of every series, 2.3 GB in runs/objects for the generated files, "
            + "31.8 GB in runs/localsagemaker for the training data copied to 15 instances, 34.4 GB in all on a disk with 25.0 GB free. "
            + "Ask for at most about 32,720,228 rows (stores x items x days).", problem);
        Assert.Null(room.Problem(DefaultSpec.CreateXGBoost(), "/tmp", "runs/objects", "runs/localsagemaker"));
    }

    [Fact]
    public void Folders_on_separate_disks_are_checked_on_their_own()
    {
        var spec = DefaultSpec.Create() with { Data = DefaultSpec.Create().Data with { RowsPerYear = 10_000_000 } };
        var room = new DiskRoom(folder => folder == "/tmp" ? ("/tmp", 3 * GB) : ("/", 100 * GB));

        var problem = room.Problem(spec, "/tmp", "runs/objects", "runs/localsagemaker");

        Assert.NotNull(problem);
        Assert.Contains("3.4 GB in /tmp for one generated year at a time, 3.4 GB in all on a disk with 3.0 GB free", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("runs/objects", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_that_is_not_generated_or_fits_is_not_a_problem()
    {
        var room = new DiskRoom(_ => ("/", 30 * GB));
        var local = DefaultSpec.Create() with { Data = new DataSourceSpec { Kind = DataSourceKind.Local, Location = "/data" } };

        Assert.Null(room.Problem(local, "/tmp", "runs/objects", "runs/localsagemaker"));
        Assert.Null(room.Problem(DefaultSpec.Create(), "/tmp", "runs/objects", "runs/localsagemaker"));
    }
}
