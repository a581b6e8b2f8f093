namespace Pipeline.Contracts;

/// <summary>The built-in algorithms an image path names, as SageMaker's registry paths spell them.</summary>
public static class Algorithms
{
    public const string LinearLearner = "linear-learner";
    public const string XGBoost = "xgboost";

    public static bool IsLinearLearner(string? image) => image?.Contains(LinearLearner, StringComparison.Ordinal) == true;

    public static bool IsXGBoost(string? image) => image?.Contains(XGBoost, StringComparison.Ordinal) == true;
}
