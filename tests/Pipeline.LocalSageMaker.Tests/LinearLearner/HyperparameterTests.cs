using Pipeline.LocalSageMaker.LinearLearner;
using Pipeline.LocalSageMaker.Training;

namespace Pipeline.LocalSageMaker.Tests.LinearLearner;

public class When_hyperparameters_are_invalid
{
    [Fact]
    public void The_failure_lists_every_problem()
    {
        var values = new Dictionary<string, string>
        {
            ["predictor_type"] = "regressor",
            ["feature_dim"] = "-3",
            ["mini_batch_size"] = "0",
            ["epochs"] = "many",
            ["num_models"] = "0",
            ["loss"] = "logistic",
            ["optimizer"] = "lbfgs",
            ["learning_rate"] = "0",
            ["beta_1"] = "1",
            ["beta_2"] = "-0.1",
            ["momentum"] = "1.5",
            ["wd"] = "-1",
            ["l1"] = "x",
            ["use_bias"] = "yes",
            ["normalize_data"] = "maybe",
            ["init_method"] = "xavier",
            ["quantile"] = "1",
            ["huber_delta"] = "-2",
            ["loss_insensitivity"] = "0",
            ["early_stopping_tolerance"] = "0",
            ["early_stopping_patience"] = "0",
            ["num_point_for_scaler"] = "0",
            ["init_scale"] = "-1",
            ["colour"] = "blue",
        };

        var error = Assert.Throws<AlgorithmErrorException>(() => LinearLearnerHyperparameters.Parse(values));

        var named = values.Keys.Where(k => k != "predictor_type").ToList();
        foreach (var name in named)
            Assert.Contains($"{name}", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown hyperparameter 'colour'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"({named.Count} problems)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_ones_are_named()
    {
        var error = Assert.Throws<AlgorithmErrorException>(() => LinearLearnerHyperparameters.Parse(new Dictionary<string, string>()));

        Assert.Contains("predictor_type is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("feature_dim is required", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("multiclass_classifier", null)]
    [InlineData("binary_classifier", "hinge_loss")]
    public void Unsupported_modes_fail_saying_LocalSageMaker_does_not_support_them(string predictor, string? loss)
    {
        var values = new Dictionary<string, string> { ["predictor_type"] = predictor, ["feature_dim"] = "auto" };
        if (loss is not null)
            values["loss"] = loss;

        var error = Assert.Throws<AlgorithmErrorException>(() => LinearLearnerHyperparameters.Parse(values));

        Assert.Contains("not supported by LocalSageMaker", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_regressor_s_unknown_loss_is_refused_with_the_names_it_could_have()
    {
        var error = Assert.Throws<AlgorithmErrorException>(() => LinearLearnerHyperparameters.Parse(new Dictionary<string, string>
        {
            ["predictor_type"] = "regressor", ["feature_dim"] = "auto", ["loss"] = "Logistic",
        }));

        Assert.Equal(
            "Linear learner rejected its hyperparameters (1 problem): loss must be auto or one of squared_loss, absolute_loss, huber_loss, "
            + "eps_insensitive_squared_loss, eps_insensitive_absolute_loss, quantile_loss for predictor_type regressor, not 'logistic'.",
            error.Message);
    }

    [Fact]
    public async Task The_job_fails_before_reading_any_data()
    {
        using var cluster = new TestCluster().Channel("train").File(0, "train", "part", "not recordio"u8.ToArray());

        var error = await Assert.ThrowsAsync<AlgorithmErrorException>(() =>
            cluster.TrainAsync(TestCluster.Regressor(2, ("optimizer", "newton"))));

        Assert.Contains("optimizer must be one of", error.Message, StringComparison.Ordinal);
    }
}

public class When_hyperparameters_are_valid
{
    [Fact]
    public void Defaults_and_auto_take_linear_learner_s_values()
    {
        var parsed = LinearLearnerHyperparameters.Parse(new Dictionary<string, string>
        {
            ["predictor_type"] = "regressor", ["feature_dim"] = "auto", ["num_models"] = "auto", ["loss"] = "auto",
            ["optimizer"] = "auto", ["learning_rate"] = "auto", ["normalize_label"] = "auto",
        });

        Assert.Null(parsed.FeatureDim);
        Assert.Equal(32, parsed.NumModels);
        Assert.Equal(LinearLearnerLoss.SquaredLoss, parsed.Loss);
        Assert.Equal(LinearLearnerOptimizer.Adam, parsed.Optimizer);
        Assert.Null(parsed.LearningRate);
        Assert.True(parsed.NormalizeLabel);
        Assert.Equal((1000, 15, 10_000, 3), (parsed.MiniBatchSize, parsed.Epochs, parsed.NumPointForScaler, parsed.EarlyStoppingPatience));
        Assert.Equal((0.07f, 0.01f, 0.001f, 0.5f, 0.01f, 1.0f),
            (parsed.InitScale, parsed.InitSigma, parsed.EarlyStoppingTolerance, parsed.Quantile, parsed.LossInsensitivity, parsed.HuberDelta));
    }

    [Theory]
    [InlineData("squared_loss", LinearLearnerLoss.SquaredLoss)]
    [InlineData("Absolute_Loss", LinearLearnerLoss.AbsoluteLoss)]
    [InlineData("huber_loss", LinearLearnerLoss.HuberLoss)]
    [InlineData("eps_insensitive_squared_loss", LinearLearnerLoss.EpsInsensitiveSquaredLoss)]
    [InlineData("eps_insensitive_absolute_loss", LinearLearnerLoss.EpsInsensitiveAbsoluteLoss)]
    [InlineData(" quantile_loss ", LinearLearnerLoss.QuantileLoss)]
    [InlineData("auto", LinearLearnerLoss.SquaredLoss)]
    public void A_regressor_s_loss_is_read_by_its_name(string name, LinearLearnerLoss expected)
    {
        var parsed = LinearLearnerHyperparameters.Parse(new Dictionary<string, string>
        {
            ["predictor_type"] = "regressor", ["feature_dim"] = "auto", ["loss"] = name,
        });

        Assert.Equal(expected, parsed.Loss);
    }

    [Fact]
    public void The_notebook_s_hyperparameters_parse()
    {
        var parsed = LinearLearnerHyperparameters.Parse(new Dictionary<string, string>
        {
            ["feature_dim"] = "25", ["mini_batch_size"] = "500", ["predictor_type"] = "regressor", ["epochs"] = "2",
            ["num_models"] = "32", ["loss"] = "absolute_loss",
        });

        Assert.Equal((25, 500, 2, 32, LinearLearnerLoss.AbsoluteLoss),
            (parsed.FeatureDim, parsed.MiniBatchSize, parsed.Epochs, parsed.NumModels, parsed.Loss));
    }

    [Fact]
    public void The_grid_spreads_auto_settings_and_keeps_given_ones()
    {
        var auto = ModelGrid.Build(LinearLearnerHyperparameters.Parse(new Dictionary<string, string>
        {
            ["predictor_type"] = "regressor", ["feature_dim"] = "3",
        }));
        var fixedRate = ModelGrid.Build(LinearLearnerHyperparameters.Parse(new Dictionary<string, string>
        {
            ["predictor_type"] = "regressor", ["feature_dim"] = "3", ["learning_rate"] = "0.05", ["wd"] = "0.2", ["l1"] = "0.3", ["num_models"] = "4",
        }));

        Assert.Equal(32, auto.Count);
        Assert.Equal(32, auto.Select(s => (s.LearningRate, s.Wd, s.L1)).Distinct().Count());
        Assert.Equal(0.001f, auto.Min(s => s.LearningRate), 1e-6f);
        Assert.Equal(0.1f, auto.Max(s => s.LearningRate), 1e-6f);
        Assert.All(fixedRate, s => Assert.Equal((0.05f, 0.2f, 0.3f), (s.LearningRate, s.Wd, s.L1)));
    }
}
