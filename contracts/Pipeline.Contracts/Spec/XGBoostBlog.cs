namespace Pipeline.Contracts;

/// <summary>The XGBoost seed blog's training set-up, shared by `pipeline spec --algorithm xgboost` and the benchmarks.</summary>
public static class XGBoostBlog
{
    /// <summary>SageMaker's XGBoost 1.7-1 container in us-east-1: the version LocalSageMaker's XGBoost trains as.</summary>
    public const string Image = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";

    public const int InstanceCount = 15;
    public const string InstanceType = "ml.m4.4xlarge";
    public const int MaxRuntimeInSeconds = 18000;

    /// <summary>
    /// The blog trains 3,000 rounds on all of M5 (about 58 million rows); the default generated sales are about 280,000
    /// training rows, on which the validation RMSE at eta 0.1 stops improving well before this many.
    /// </summary>
    public const int Rounds = 100;

    /// <summary>The blog's hyperparameters, word for word, but for num_round.</summary>
    public static Dictionary<string, string> HyperParameters(int rounds = Rounds) => new()
    {
        ["num_round"] = rounds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["eta"] = "0.1",
        ["objective"] = "reg:tweedie",
        ["tweedie_variance_power"] = "1.5",
        ["eval_metric"] = "rmse",
        ["rate_drop"] = "0.2",
        ["min_child_weight"] = "7",
        ["max_depth"] = "5",
        ["colsample_bytree"] = "0.7",
        ["subsample"] = "0.7",
    };
}
