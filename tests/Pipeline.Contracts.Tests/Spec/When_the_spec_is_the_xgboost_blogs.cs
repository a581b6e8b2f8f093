using Pipeline.Contracts;

namespace Pipeline.Contracts.Tests.Spec;

/// <summary>The XGBoost blog's experiment: generated store-item sales as CSV, XGBoost, evaluation by batch transform.</summary>
public sealed class When_the_spec_is_the_xgboost_blogs
{
    private static ExperimentSpec Blog() => Specs.Notebook() with
    {
        Data = new DataSourceSpec { Kind = DataSourceKind.GeneratedSales, Sales = new SalesDataSpec() },
        AlgorithmImage = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
        Training = new TrainingSpec { InstanceCount = 15, InstanceType = "ml.m4.4xlarge" },
        HyperParameters = new Dictionary<string, string> { ["num_round"] = "100", ["objective"] = "reg:tweedie" },
        Evaluation = new EvaluationSpec { Method = EvaluationMethods.BatchTransform },
    };

    [Fact]
    public void It_is_valid_and_its_years_are_not_checked()
    {
        Assert.Empty(Blog().Validate());
        Assert.Empty((Blog() with { Data = Blog().Data with { TrainingYears = [], TestYear = 1 } }).Validate());
    }

    [Fact]
    public void The_default_sales_leave_most_days_to_train_on()
    {
        var sales = new SalesDataSpec();
        Assert.Equal(sales.Days - sales.ValidationDays - sales.TestDays, sales.TrainDays);
        Assert.True(sales.TrainDays > 10 * (sales.ValidationDays + sales.TestDays));
    }

    public static TheoryData<string, Func<ExperimentSpec, ExperimentSpec>, string> Problems => new()
    {
        { "no stores", s => s with { Data = s.Data with { Sales = new SalesDataSpec { Stores = 0 } } }, "Data.Sales.Stores must be 1-100 (got 0)" },
        { "too many items", s => s with { Data = s.Data with { Sales = new SalesDataSpec { Items = 5000 } } }, "Data.Sales.Items must be 1-3049 (got 5000)" },
        { "no day to train on", s => s with { Data = s.Data with { Sales = new SalesDataSpec { Days = 56 } } }, "no day is left to train on" },
        { "no test day", s => s with { Data = s.Data with { Sales = new SalesDataSpec { TestDays = 0 } } }, "Data.Sales.TestDays must be at least 1" },
        { "too many rows", s => s with { Data = s.Data with { Sales = new SalesDataSpec { Stores = 100, Items = 3000, Days = 1000 } } }, "more than 50,000,000 rows" },
        { "XGBoost without num_round", s => s with { HyperParameters = new Dictionary<string, string> { ["eta"] = "0.1" } }, "HyperParameters.num_round is missing" },
        { "num_round zero", s => s with { HyperParameters = new Dictionary<string, string> { ["num_round"] = "0" } }, "HyperParameters.num_round='0': must be a whole number of rounds, at least 1" },
        { "num_round not a number", s => s with { HyperParameters = new Dictionary<string, string> { ["num_round"] = "many" } }, "HyperParameters.num_round='many'" },
        { "XGBoost on GDELT's RecordIO", s => s with { Data = new DataSourceSpec { Kind = DataSourceKind.Generated, RowsPerYear = 100 } }, "the dataset is RecordIO-protobuf" },
        { "XGBoost on a prepared RecordIO dataset", s => s with { Data = new DataSourceSpec { Prepared = new PreparedDatasetSpec { TrainPrefix = "s3://bkt/t/", ValidationPrefix = "s3://bkt/v/", TestObject = "s3://bkt/test.data" } } }, "the dataset is RecordIO-protobuf" },
        { "unknown evaluation method", s => s with { Evaluation = new EvaluationSpec { Method = "batch-transform" } }, "Evaluation.Method 'batch-transform' is not one of Endpoint, BatchTransform" },
        { "transform instance type", s => s with { Evaluation = s.Evaluation with { TransformInstanceType = "m4.xlarge" } }, "Evaluation.TransformInstanceType 'm4.xlarge'" },
        { "transform instance count", s => s with { Evaluation = s.Evaluation with { TransformInstanceCount = 0 } }, "Evaluation.TransformInstanceCount must be 1-20 (got 0)" },
        { "evaluation null", s => s with { Evaluation = null! }, "Evaluation is null" },
        { "prepared content type", s => s with { Data = new DataSourceSpec { Prepared = new PreparedDatasetSpec { TrainPrefix = "s3://bkt/t/", ValidationPrefix = "s3://bkt/v/", TestObject = "s3://bkt/test.csv", ContentType = "csv" } } }, "Data.Prepared.ContentType 'csv'" },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void Each_problem_is_reported_alone_and_named(string _, Func<ExperimentSpec, ExperimentSpec> breakSpec, string mentions)
    {
        var problem = Assert.Single(breakSpec(Blog()).Validate());
        Assert.Contains(mentions, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void XGBoost_on_a_prepared_csv_dataset_and_the_linear_learner_scored_by_batch_transform_are_valid()
    {
        var prepared = Blog() with
        {
            Data = new DataSourceSpec
            {
                Prepared = new PreparedDatasetSpec { TrainPrefix = "s3://bkt/t/", ValidationPrefix = "s3://bkt/v/", TestObject = "s3://bkt/test.csv", ContentType = DatasetContentTypes.Csv },
            },
        };
        var linearByTransform = Specs.Notebook() with { Evaluation = new EvaluationSpec { Method = EvaluationMethods.BatchTransform } };

        Assert.Empty(prepared.Validate());
        Assert.Empty(linearByTransform.Validate());
    }

    [Fact]
    public void A_linear_learner_on_sales_must_name_the_sales_feature_count()
    {
        var linear = Blog() with
        {
            AlgorithmImage = new ExperimentSpec().AlgorithmImage,
            HyperParameters = new ExperimentSpec().HyperParameters,
        };

        var problem = Assert.Single(linear.Validate());
        Assert.Contains($"feature_dim is 25 but the dataset has {SalesDataSpec.FeatureCount} features", problem, StringComparison.Ordinal);
    }
}
