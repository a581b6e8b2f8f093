using System.Globalization;

namespace Pipeline.Contracts;

/// <summary>
/// Which hyperparameter values the built-in linear learner accepts (DOMAIN.md section 4). Used to reject an
/// experiment before any job starts; LocalSageMaker's linear learner fails a job on the same rules.
/// </summary>
public static class LinearLearnerHyperParameters
{
    private delegate string? Rule(string value);

    private static readonly IReadOnlyDictionary<string, Rule> Rules = new Dictionary<string, Rule>
    {
        ["predictor_type"] = OneOf("regressor", "binary_classifier", "multiclass_classifier"),
        ["feature_dim"] = Auto(Integer(min: 1)),
        ["num_classes"] = Integer(min: 3, max: 1_000_000),
        ["mini_batch_size"] = Integer(min: 1),
        ["epochs"] = Integer(min: 1),
        ["num_models"] = Auto(Integer(min: 1)),
        ["loss"] = OneOf("auto", "logistic", "squared_loss", "absolute_loss", "hinge_loss", "eps_insensitive_squared_loss",
            "eps_insensitive_absolute_loss", "quantile_loss", "huber_loss", "softmax_loss"),
        ["optimizer"] = OneOf("auto", "sgd", "adam", "rmsprop"),
        ["learning_rate"] = Auto(Real(exclusiveMin: 0)),
        ["beta_1"] = Auto(Real(min: 0, exclusiveMax: 1)),
        ["beta_2"] = Auto(Real(min: 0, exclusiveMax: 1)),
        ["momentum"] = Auto(Real(min: 0, exclusiveMax: 1)),
        ["wd"] = Auto(Real(min: 0)),
        ["l1"] = Auto(Real(min: 0)),
        ["use_bias"] = Boolean,
        ["use_lr_scheduler"] = Boolean,
        ["lr_scheduler_step"] = Auto(Integer(min: 1)),
        ["lr_scheduler_factor"] = Auto(Real(exclusiveMin: 0, exclusiveMax: 1)),
        ["lr_scheduler_minimum_lr"] = Auto(Real(exclusiveMin: 0)),
        ["normalize_data"] = Boolean,
        ["normalize_label"] = Auto(Boolean),
        ["num_point_for_scaler"] = Integer(min: 1),
        ["unbias_data"] = Auto(Boolean),
        ["unbias_label"] = Auto(Boolean),
        ["init_method"] = OneOf("uniform", "normal"),
        ["init_scale"] = Real(exclusiveMin: 0),
        ["init_sigma"] = Real(exclusiveMin: 0),
        ["init_bias"] = Real(),
        ["bias_lr_mult"] = Auto(Real(exclusiveMin: 0)),
        ["bias_wd_mult"] = Auto(Real(min: 0)),
        ["early_stopping_patience"] = Integer(min: 1),
        ["early_stopping_tolerance"] = Real(exclusiveMin: 0),
        ["quantile"] = Real(exclusiveMin: 0, exclusiveMax: 1),
        ["loss_insensitivity"] = Real(exclusiveMin: 0),
        ["huber_delta"] = Real(min: 0),
        ["margin"] = Real(min: 0),
        ["num_calibration_samples"] = Integer(min: 1),
        ["binary_classifier_model_selection_criteria"] = OneOf("accuracy", "f_beta", "precision_at_target_recall",
            "recall_at_target_precision", "loss_function"),
        ["target_recall"] = Real(exclusiveMin: 0, max: 1),
        ["target_precision"] = Real(exclusiveMin: 0, max: 1),
        ["positive_example_weight_mult"] = Auto(Real(exclusiveMin: 0), "balanced"),
        ["f_beta"] = Real(exclusiveMin: 0),
        ["balance_multiclass_weights"] = Boolean,
        ["accuracy_top_k"] = Integer(min: 1),
    };

    private static readonly string[] RegressionLosses =
    [
        "auto", "squared_loss", "absolute_loss", "eps_insensitive_squared_loss", "eps_insensitive_absolute_loss",
        "quantile_loss", "huber_loss",
    ];

    public static IReadOnlyCollection<string> Known => (IReadOnlyCollection<string>)Rules.Keys;

    /// <summary>Every problem with these hyperparameters; empty when linear learner would accept them.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyDictionary<string, string> hyperParameters)
    {
        var problems = new List<string>();
        foreach (var required in new[] { "predictor_type", "feature_dim" })
            if (!hyperParameters.ContainsKey(required))
                problems.Add($"HyperParameters.{required} is required by linear learner.");

        foreach (var (name, value) in hyperParameters)
        {
            if (!Rules.TryGetValue(name, out var rule))
                problems.Add($"HyperParameters.{name} is not a linear learner hyperparameter.");
            else if (rule(value) is { } problem)
                problems.Add($"HyperParameters.{name}='{value}': {problem}.");
        }

        if (hyperParameters.GetValueOrDefault("predictor_type") == "regressor"
            && hyperParameters.TryGetValue("loss", out var loss) && !RegressionLosses.Contains(loss))
            problems.Add($"HyperParameters.loss='{loss}' is not a regression loss (use one of {string.Join(", ", RegressionLosses)}).");
        if (hyperParameters.GetValueOrDefault("predictor_type") == "multiclass_classifier" && !hyperParameters.ContainsKey("num_classes"))
            problems.Add("HyperParameters.num_classes is required when predictor_type is multiclass_classifier.");
        return problems;
    }

    private static Rule OneOf(params string[] allowed) =>
        value => allowed.Contains(value) ? null : $"expected one of {string.Join(", ", allowed)}";

    private static Rule Auto(Rule inner, string keyword = "auto") =>
        value => value == "auto" || value == keyword ? null : inner(value);

    private static string? Boolean(string value) =>
        value is "true" or "false" or "True" or "False" ? null : "expected true or false";

    /// <summary>The algorithm reads its integers as 32-bit: a larger one passes nothing but fails the job.</summary>
    private static Rule Integer(long min = int.MinValue, long max = int.MaxValue) => value =>
        !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? "expected an integer"
        : n < min ? $"must be at least {min}"
        : n > max ? $"must be at most {max}"
        : null;

    private static Rule Real(double min = double.NegativeInfinity, double max = double.PositiveInfinity,
        double exclusiveMin = double.NaN, double exclusiveMax = double.NaN) => value =>
        !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || !double.IsFinite(x) ? "expected a number"
        : x < min ? $"must be at least {min}"
        : x > max ? $"must be at most {max}"
        : x <= exclusiveMin ? $"must be greater than {exclusiveMin}"
        : x >= exclusiveMax ? $"must be less than {exclusiveMax}"
        : null;
}
