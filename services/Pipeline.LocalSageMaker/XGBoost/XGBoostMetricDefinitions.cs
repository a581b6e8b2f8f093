using Pipeline.Aws.SageMaker;

namespace Pipeline.LocalSageMaker.XGBoost;

/// <summary>
/// The metric definitions SageMaker gives a built-in XGBoost job: <c>train:&lt;metric&gt;</c> and
/// <c>validation:&lt;metric&gt;</c> for every evaluation metric the container knows, each matching the per-round line
/// <c>[12]#011train-rmse:0.12300#011validation-rmse:0.45600</c> (CloudWatch shows the tabs between the metrics as #011).
/// </summary>
public static class XGBoostMetricDefinitions
{
    private const string Number = @"([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)";

    /// <summary>The container's evaluation metrics: those it maximises, then those it minimises.</summary>
    public static IReadOnlyList<string> EvalMetrics { get; } =
    [
        "accuracy", "auc", "aucpr", "balanced_accuracy", "f1", "f1_binary", "f1_macro", "map", "ndcg", "precision", "r2",
        "recall", "precision_macro", "precision_micro", "recall_macro", "recall_micro",
        "aft-nloglik", "cox-nloglik", "error", "gamma-deviance", "gamma-nloglik", "interval-regression-accuracy", "logloss",
        "mae", "mape", "merror", "mlogloss", "mphe", "mse", "poisson-nloglik", "rmse", "rmsle", "tweedie-nloglik",
    ];

    public static IReadOnlyList<MetricDefinition> All { get; } =
    [
        .. from channel in new[] { "train", "validation" }
           from metric in EvalMetrics
           select new MetricDefinition
           {
               Name = $"{channel}:{metric}",
               Regex = $@".*\[[0-9]+\].*#011{channel}-{metric}:{Number}.*",
           },
    ];
}
