using System.Text.Json;
using Pipeline.Cli.Specs;
using Pipeline.Contracts;

namespace Pipeline.Cli.Tests.Specs;

public class When_applying_run_options
{
    private static readonly ExperimentSpec Generated = new()
    {
        Bucket = "my-experiments",
        RoleArn = "arn:aws:iam::123456789012:role/R",
        Data = new DataSourceSpec { Kind = DataSourceKind.Generated, Location = null, RowsPerYear = 50 },
    };

    [Fact]
    public void No_option_leaves_the_spec_as_it_is()
    {
        var (spec, problems) = new SpecOverrides().ApplyTo(Generated);

        Assert.Empty(problems);
        Assert.Equal(JsonSerializer.Serialize(Generated), JsonSerializer.Serialize(spec));
    }

    [Fact]
    public void Years_1979_to_1984_train_on_1979_to_1983_and_test_on_1984()
    {
        Assert.True(YearSelection.TryParse("1979-1984", out var years, out _));

        var (spec, _) = new SpecOverrides { Years = years }.ApplyTo(Generated with { Data = Generated.Data with { TrainingYears = [2000], TestYear = 2001 } });

        Assert.Equal([1979, 1980, 1981, 1982, 1983], spec.Data.TrainingYears);
        Assert.Equal(1984, spec.Data.TestYear);
    }

    [Fact]
    public void Variants_become_one_variant_per_distribution_named_for_it()
    {
        var (spec, _) = new SpecOverrides { Variants = ["ShardedByS3Key", "fullyreplicated"] }.ApplyTo(Generated with { Variants = [] });

        Assert.Equal([("sharded", "ShardedByS3Key"), ("replicated", "FullyReplicated")], spec.Variants.Select(v => (v.Name, v.TrainDistribution)));
        Assert.Empty(spec.Validate());
    }

    [Fact]
    public void A_variant_can_carry_its_own_name_and_instance_count()
    {
        var (spec, problems) = new SpecOverrides { Variants = ["FullyReplicated", "wide=ShardedByS3Key@10", " shardedbys3key@2 "] }
            .ApplyTo(Generated with { Variants = [] });

        Assert.Empty(problems);
        Assert.Equal(
            [("replicated", "FullyReplicated", (int?)null), ("wide", "ShardedByS3Key", 10), ("sharded-2", "ShardedByS3Key", 2)],
            spec.Variants.Select(v => (v.Name, v.TrainDistribution, v.InstanceCount)));
        Assert.Empty(spec.Validate());
    }

    [Fact]
    public void Two_variants_of_one_distribution_on_different_clusters_are_one_valid_experiment()
    {
        var (spec, _) = new SpecOverrides { Variants = ["ShardedByS3Key@2", "ShardedByS3Key@10"] }.ApplyTo(Generated with { Variants = [] });

        Assert.Equal(["sharded-2", "sharded-10"], spec.Variants.Select(v => v.Name));
        Assert.Empty(spec.Validate());
    }

    [Theory]
    [InlineData("ShardedByS3Key@ten", "'ten'")]
    [InlineData("ShardedByS3Key@-1", "'-1'")]
    public void An_instance_count_that_is_not_a_whole_number_is_named(string variant, string mentions)
    {
        var (_, problems) = new SpecOverrides { Variants = [variant] }.ApplyTo(Generated with { Variants = [] });

        Assert.Contains(problems, p => p.Contains(mentions, StringComparison.Ordinal) && p.Contains("--variants", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_distribution_is_left_for_validation_to_name()
    {
        var (spec, problems) = new SpecOverrides { Variants = ["x=Striped@3"] }.ApplyTo(Generated with { Variants = [] });

        Assert.Empty(problems);
        Assert.Contains(spec.Validate(), p => p.Contains("unknown distribution type 'Striped'", StringComparison.Ordinal));
    }

    [Fact]
    public void Several_instance_counts_make_the_spec_a_sweep_of_its_variants()
    {
        var withOwnSize = Generated with { Variants = [new VariantSpec { Name = "a", TrainDistribution = "ShardedByS3Key", InstanceCount = 7 }] };

        var (spec, problems) = new SpecOverrides { Instances = [1, 2, 5, 10] }.ApplyTo(withOwnSize);

        Assert.Empty(problems);
        Assert.Equal([1, 2, 5, 10], spec.Training.InstanceCounts);
        Assert.Null(Assert.Single(spec.Variants).InstanceCount);
        Assert.Empty(spec.Validate());
    }

    [Fact]
    public void One_instance_count_replaces_a_sweep_the_spec_file_asked_for()
    {
        var sweep = Generated with { Training = Generated.Training with { InstanceCounts = [1, 2, 5] } };

        var (spec, _) = new SpecOverrides { Instances = [3] }.ApplyTo(sweep);

        Assert.Null(spec.Training.InstanceCounts);
        Assert.Equal(Generated.Variants.Select(v => v.Name), spec.WithSweepExpanded().Variants.Select(v => v.Name));
        Assert.All(spec.WithSweepExpanded().Variants, v => Assert.Equal(3, spec.InstanceCountOf(v)));
    }

    [Fact]
    public void Instances_set_every_variants_cluster_size()
    {
        var withOwnSizes = Generated with
        {
            Variants = [new VariantSpec { Name = "a", TrainDistribution = "FullyReplicated", InstanceCount = 7 }, new VariantSpec { Name = "b", TrainDistribution = "ShardedByS3Key" }],
        };

        var (spec, _) = new SpecOverrides { Instances = [3] }.ApplyTo(withOwnSizes);

        Assert.All(spec.Variants, v => Assert.Equal(3, spec.InstanceCountOf(v)));
    }

    [Fact]
    public void Data_reads_year_files_from_that_folder()
    {
        var (spec, problems) = new SpecOverrides { DataFolder = "gdelt" }.ApplyTo(Generated);

        Assert.Empty(problems);
        Assert.Equal(DataSourceKind.Local, spec.Data.Kind);
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "gdelt"), spec.Data.Location);
        Assert.Null(spec.Data.RowsPerYear);
        Assert.Empty(spec.Validate());
    }

    [Fact]
    public void Data_replaces_a_prepared_dataset()
    {
        var prepared = Generated with
        {
            Data = Generated.Data with { Prepared = new PreparedDatasetSpec { TrainPrefix = "s3://b-1/t/", ValidationPrefix = "s3://b-1/v/", TestObject = "s3://b-1/test.csv" } },
        };

        var (spec, _) = new SpecOverrides { DataFolder = "gdelt" }.ApplyTo(prepared);

        Assert.Null(spec.Data.Prepared);
    }

    [Fact]
    public void Rows_per_year_set_the_generated_rows()
    {
        var (spec, problems) = new SpecOverrides { RowsPerYear = 1234 }.ApplyTo(Generated);

        Assert.Empty(problems);
        Assert.Equal(1234, spec.Data.RowsPerYear);
    }

    [Fact]
    public void Rows_per_year_for_year_files_is_a_problem()
    {
        var (_, problems) = new SpecOverrides { DataFolder = "gdelt", RowsPerYear = 1234 }.ApplyTo(Generated);

        Assert.Contains("--rows-per-year", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_spec_is_valid()
    {
        Assert.Empty(DefaultSpec.Create().Validate());
    }
}
