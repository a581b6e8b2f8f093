using Pipeline.Contracts;
using static Pipeline.Contracts.Tests.Spec.Specs;

namespace Pipeline.Contracts.Tests.Spec;

/// <summary>Each kind of problem, alone in an otherwise valid spec, is reported once and names what is wrong.</summary>
public class When_one_field_is_wrong
{
    private const string Replicated = "FullyReplicated";
    private const string Sharded = "ShardedByS3Key";

    // Resource names are "<variant>-<32 hex digits of the experiment id>" and SageMaker allows 63 characters.
    private const int LongestVariantName = 63 - 1 - 32;

    private sealed record Case(Func<ExperimentSpec, ExperimentSpec> Break, string Mentions);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["training instance count 0"] = new(s => s with { Training = s.Training with { InstanceCount = 0 } }, "Training.InstanceCount"),
        ["training instance count negative"] = new(s => s with { Training = s.Training with { InstanceCount = -3 } }, "Training.InstanceCount"),
        ["training instance count over the limit"] = new(s => s with { Training = s.Training with { InstanceCount = 10_000 } }, "Training.InstanceCount must be 1-20 (got 10000)"),
        ["sweep with a count of 0"] = new(s => s with { Training = s.Training with { InstanceCounts = [1, 0, 5] } }, "Training.InstanceCounts: 0 is not 1-20"),
        ["sweep naming a count twice"] = new(s => s with { Training = s.Training with { InstanceCounts = [2, 5, 2] } }, "Training.InstanceCounts lists 2 more than once"),
        ["sweep with no count"] = new(s => s with { Training = s.Training with { InstanceCounts = [] } }, "Training.InstanceCounts is empty"),
        // Different counts of their own, but the sweep trains both at 1 and at 5: sharded-2-1 and sharded-3-1 would be one experiment.
        ["sweep of two variants of one type"] = new(s => s with { Training = s.Training with { InstanceCounts = [1, 5] }, Variants = [Variant("sharded-2", Sharded, 2), Variant("sharded-3", Sharded, 3)] }, "at every count of the sweep"),
        ["sweep making a variant name too long"] = new(s => s with { Training = s.Training with { InstanceCounts = [1, 10] }, Variants = [Variant(new string('a', LongestVariantName - 2), Replicated)] }, $"Variant name '{new string('a', LongestVariantName - 2)}-10'"),
        ["variant instance count over the limit"] = new(s => s with { Variants = [Variant("replicated", Replicated, 21), Variant("sharded", Sharded)] }, "InstanceCount must be 1-20 (got 21)"),
        ["endpoint instance count over the limit"] = new(s => s with { Endpoint = s.Endpoint with { InstanceCount = 21 } }, "Endpoint.InstanceCount must be 1-20"),
        ["mini_batch_size beyond a 32-bit integer"] = new(s => s.WithHyperParameter("mini_batch_size", "99999999999999"), "mini_batch_size='99999999999999': must be at most 2147483647"),
        ["epochs beyond a 32-bit integer"] = new(s => s.WithHyperParameter("epochs", "2147483648"), "epochs='2147483648': must be at most 2147483647"),
        ["num_models beyond a 32-bit integer"] = new(s => s.WithHyperParameter("num_models", "5000000000"), "num_models"),
        ["variant instance count 0"] = new(s => s with { Variants = [Variant("replicated", Replicated, 0), Variant("sharded", Sharded)] }, "'replicated'"),
        ["unknown distribution type"] = new(s => s with { Variants = [Variant("replicated", Replicated), Variant("manifest", "ManifestFile")] }, "ManifestFile"),
        ["distribution type in wrong case"] = new(s => s with { Variants = [Variant("replicated", "fullyreplicated")] }, "fullyreplicated"),
        ["no variants"] = new(s => s with { Variants = [] }, "Variants"),
        ["duplicate variant names"] = new(s => s with { Variants = [Variant("a", Replicated), Variant("a", Sharded)] }, "'a'"),
        ["duplicate variant settings"] = new(s => s with { Variants = [Variant("a", Replicated), Variant("b", Replicated)] }, "'b'"),
        ["duplicate settings through the default count"] = new(s => s with { Variants = [Variant("a", Sharded, 5), Variant("b", Sharded)] }, "'b'"),
        ["variant name too long"] = new(s => s with { Variants = [Variant(new string('r', LongestVariantName + 1), Replicated)] }, new string('r', LongestVariantName + 1)),
        ["variant name upper case"] = new(s => s with { Variants = [Variant("Replicated", Replicated)] }, "'Replicated'"),
        ["variant name underscore"] = new(s => s with { Variants = [Variant("rep_licated", Replicated)] }, "'rep_licated'"),
        ["variant name starts with a digit"] = new(s => s with { Variants = [Variant("1replicated", Replicated)] }, "'1replicated'"),
        ["variant name double hyphen"] = new(s => s with { Variants = [Variant("rep--licated", Replicated)] }, "'rep--licated'"),
        ["variant name trailing hyphen"] = new(s => s with { Variants = [Variant("replicated-", Replicated)] }, "'replicated-'"),
        ["variant name empty"] = new(s => s with { Variants = [Variant("", Replicated)] }, "''"),
        ["unknown hyperparameter"] = new(s => s.WithHyperParameter("learning_rat", "0.1"), "learning_rat"),
        ["hyperparameter out of range"] = new(s => s.WithHyperParameter("beta_1", "1"), "beta_1"),
        ["hyperparameter below zero"] = new(s => s.WithHyperParameter("wd", "-0.5"), "wd"),
        ["hyperparameter not a number"] = new(s => s.WithHyperParameter("epochs", "two"), "epochs"),
        ["hyperparameter not an integer"] = new(s => s.WithHyperParameter("mini_batch_size", "500.5"), "mini_batch_size"),
        ["hyperparameter not a boolean"] = new(s => s.WithHyperParameter("use_bias", "yes"), "use_bias"),
        ["unknown predictor type"] = new(s => s.WithHyperParameter("predictor_type", "regression"), "predictor_type"),
        ["regressor with logistic loss"] = new(s => s.WithHyperParameter("loss", "logistic"), "logistic"),
        ["regressor with hinge loss"] = new(s => s.WithHyperParameter("loss", "hinge_loss"), "hinge_loss"),
        ["feature_dim not 25"] = new(s => s.WithHyperParameter("feature_dim", "24"), "feature_dim"),
        ["feature_dim not a number"] = new(s => s.WithHyperParameter("feature_dim", "twenty-five"), "feature_dim"),
        ["predictor_type missing"] = new(s => s.WithHyperParameter("predictor_type", null), "predictor_type"),
        ["test year among training years"] = new(s => s with { Data = s.Data with { TestYear = 1983 } }, "1983"),
        ["training year twice"] = new(s => s with { Data = s.Data with { TrainingYears = [1979, 1980, 1980] } }, "1980"),
        ["no training years"] = new(s => s with { Data = s.Data with { TrainingYears = [] } }, "TrainingYears"),
        ["year before GDELT"] = new(s => s with { Data = s.Data with { TrainingYears = [1978, 1979] } }, "1978"),
        ["bucket empty"] = new(s => s with { Bucket = "" }, "Bucket"),
        ["bucket upper case"] = new(s => s with { Bucket = "My-Experiments" }, "My-Experiments"),
        ["bucket too short"] = new(s => s with { Bucket = "ab" }, "'ab'"),
        ["bucket too long"] = new(s => s with { Bucket = new string('b', 64) }, "Bucket"),
        ["bucket with underscore"] = new(s => s with { Bucket = "my_experiments" }, "my_experiments"),
        ["bucket with two dots in a row"] = new(s => s with { Bucket = "my..experiments" }, "my..experiments"),
        ["bucket ending in a hyphen"] = new(s => s with { Bucket = "my-experiments-" }, "my-experiments-"),
        ["role empty"] = new(s => s with { RoleArn = "" }, "RoleArn"),
        ["role with a short account"] = new(s => s with { RoleArn = "arn:aws:iam::1234:role/SageMaker" }, "RoleArn"),
        ["role that is a user"] = new(s => s with { RoleArn = "arn:aws:iam::123456789012:user/someone" }, "RoleArn"),
        ["role that is a bucket"] = new(s => s with { RoleArn = "arn:aws:s3:::my-experiments" }, "RoleArn"),
        ["role name only"] = new(s => s with { RoleArn = "SageMakerExecution" }, "RoleArn"),
        ["S3 location over https"] = new(s => s with { Data = s.Data with { Location = "https://gdelt-open-data.s3.amazonaws.com/events/" } }, "Data.Location"),
        ["S3 location without scheme"] = new(s => s with { Data = s.Data with { Location = "gdelt-open-data/events/" } }, "Data.Location"),
        ["S3 location missing"] = new(s => s with { Data = s.Data with { Location = null } }, "Data.Location"),
        ["prepared train prefix without scheme"] = new(s => s with { Data = s.Data with { Prepared = Prepared() with { TrainPrefix = "my-experiments/train/" } } }, "Data.Prepared.TrainPrefix"),
        ["prepared validation prefix with bad bucket"] = new(s => s with { Data = s.Data with { Prepared = Prepared() with { ValidationPrefix = "s3://My_Bucket/validation/" } } }, "Data.Prepared.ValidationPrefix"),
        ["prepared test object as a file"] = new(s => s with { Data = s.Data with { Prepared = Prepared() with { TestObject = "file:///tmp/test.data" } } }, "Data.Prepared.TestObject"),
        ["prepared feature dim 0"] = new(s => s.WithHyperParameter("feature_dim", "auto") with { Data = s.Data with { Prepared = Prepared() with { FeatureDim = 0 } } }, "FeatureDim"),
        ["generated data without rows"] = new(s => s with { Data = s.Data with { Kind = DataSourceKind.Generated, RowsPerYear = null } }, "RowsPerYear"),
        ["generated data with 0 rows"] = new(s => s with { Data = s.Data with { Kind = DataSourceKind.Generated, RowsPerYear = 0 } }, "RowsPerYear"),
        ["local data without a folder"] = new(s => s with { Data = s.Data with { Kind = DataSourceKind.Local, Location = " " } }, "Data.Location"),
        ["test year after 2005 from S3"] = new(s => s with { Data = s.Data with { TrainingYears = [2003, 2004, 2005], TestYear = 2006 } }, "2006"),
        ["max runtime 0"] = new(s => s with { Training = s.Training with { MaxRuntimeInSeconds = 0 } }, "MaxRuntimeInSeconds"),
        ["max runtime over 28 days"] = new(s => s with { Training = s.Training with { MaxRuntimeInSeconds = (28 * 24 * 3600) + 1 } }, "MaxRuntimeInSeconds"),
        ["volume 0"] = new(s => s with { Training = s.Training with { VolumeSizeInGB = 0 } }, "VolumeSizeInGB"),
        ["training instance type without ml prefix"] = new(s => s with { Training = s.Training with { InstanceType = "c4.2xlarge" } }, "c4.2xlarge"),
        ["endpoint instance count 0"] = new(s => s with { Endpoint = s.Endpoint with { InstanceCount = 0 } }, "Endpoint.InstanceCount"),
        ["ingestion timeout 0"] = new(s => s with { Timeouts = s.Timeouts with { Ingestion = TimeSpan.Zero } }, "Timeouts.Ingestion"),
        ["training timeout negative"] = new(s => s with { Timeouts = s.Timeouts with { Training = TimeSpan.FromMinutes(-1) } }, "Timeouts.Training"),
        ["deploy timeout 0"] = new(s => s with { Timeouts = s.Timeouts with { Deploy = TimeSpan.Zero } }, "Timeouts.Deploy"),
        ["evaluation timeout negative"] = new(s => s with { Timeouts = s.Timeouts with { Evaluation = TimeSpan.FromSeconds(-5) } }, "Timeouts.Evaluation"),
        ["teardown timeout 0"] = new(s => s with { Timeouts = s.Timeouts with { Teardown = TimeSpan.Zero } }, "Timeouts.Teardown"),
        ["tag key with the reserved aws: prefix"] = new(s => s with { Tags = new Dictionary<string, string> { ["aws:owner"] = "me" } }, "aws:owner"),
        ["tag key empty"] = new(s => s with { Tags = new Dictionary<string, string> { [""] = "value" } }, "Tag"),
        ["tag key too long"] = new(s => s with { Tags = new Dictionary<string, string> { [new string('k', 129)] = "value" } }, "Tag"),
        ["tag value too long"] = new(s => s with { Tags = new Dictionary<string, string> { ["owner"] = new string('v', 257) } }, "owner"),
        ["more than 47 tags (the pipeline adds 3)"] = new(s => s with { Tags = Enumerable.Range(1, 48).ToDictionary(i => $"tag{i}", i => "x") }, "Tags"),
        ["a tag key the pipeline sets itself"] = new(s => s with { Tags = new Dictionary<string, string> { ["pipeline:variant"] = "x" } }, "pipeline:variant"),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Reports_exactly_that_problem(string caseName)
    {
        var (breakSpec, mentions) = Cases[caseName];

        var problems = breakSpec(Specs.Notebook()).Validate();

        var problem = Assert.Single(problems);
        Assert.Contains(mentions, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_every_later_year_when_several_come_after_2005_from_S3()
    {
        var spec = Specs.Notebook() with { Data = Specs.Notebook().Data with { TrainingYears = [2005, 2006, 2007], TestYear = 2008 } };

        var problems = spec.Validate();

        Assert.Equal(3, problems.Count);
        foreach (var year in new[] { "2006", "2007", "2008" })
            Assert.Contains(problems, p => p.Contains(year, StringComparison.Ordinal));
    }

    [Fact]
    public void Reports_every_prepared_uri_that_is_not_S3()
    {
        var spec = Specs.Notebook() with
        {
            Data = Specs.Notebook().Data with { Prepared = new PreparedDatasetSpec { TrainPrefix = "a", ValidationPrefix = "b", TestObject = "c" } },
        };

        Assert.Equal(3, spec.Validate().Count);
    }

    private static PreparedDatasetSpec Prepared() => new()
    {
        TrainPrefix = "s3://my-experiments/prepared/train/",
        ValidationPrefix = "s3://my-experiments/prepared/validation/",
        TestObject = "s3://my-experiments/prepared/test/1984.data",
    };
}
