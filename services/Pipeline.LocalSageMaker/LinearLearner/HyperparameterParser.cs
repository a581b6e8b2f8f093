using System.Globalization;
using Pipeline.LocalSageMaker.Training;

namespace Pipeline.LocalSageMaker.LinearLearner;

/// <summary>Reads the string map into <see cref="LinearLearnerHyperparameters"/>, collecting every problem before failing.</summary>
internal sealed class HyperparameterParser
{
    private static readonly string[] KnownNames =
    [
        "predictor_type", "feature_dim", "mini_batch_size", "epochs", "num_models", "loss", "optimizer", "learning_rate",
        "beta_1", "beta_2", "momentum", "wd", "l1", "use_bias", "use_lr_scheduler", "normalize_data", "normalize_label",
        "num_point_for_scaler", "init_method", "init_scale", "init_sigma", "init_bias", "early_stopping_patience",
        "early_stopping_tolerance", "quantile", "loss_insensitivity", "huber_delta",
    ];

    private static readonly LinearLearnerLoss[] RegressionLosses =
    [
        LinearLearnerLoss.SquaredLoss, LinearLearnerLoss.AbsoluteLoss, LinearLearnerLoss.HuberLoss,
        LinearLearnerLoss.EpsInsensitiveSquaredLoss, LinearLearnerLoss.EpsInsensitiveAbsoluteLoss, LinearLearnerLoss.QuantileLoss,
    ];

    private readonly IReadOnlyDictionary<string, string> _values;
    private readonly List<string> _problems = [];

    private HyperparameterParser(IReadOnlyDictionary<string, string> values) => _values = values;

    public static LinearLearnerHyperparameters Parse(IReadOnlyDictionary<string, string> values)
    {
        var parser = new HyperparameterParser(values);
        var result = parser.Read();
        if (parser._problems.Count > 0)
            throw new AlgorithmErrorException(
                $"Linear learner rejected its hyperparameters ({parser._problems.Count} problem{(parser._problems.Count == 1 ? "" : "s")}): " +
                string.Join("; ", parser._problems) + ".");
        return result;
    }

    private LinearLearnerHyperparameters Read()
    {
        foreach (var name in _values.Keys.Order(StringComparer.Ordinal))
            if (Array.IndexOf(KnownNames, name) < 0)
                _problems.Add($"unknown hyperparameter '{name}'");

        var defaults = new LinearLearnerHyperparameters();
        var predictor = ReadPredictorType();
        var featureDim = ReadFeatureDim();
        var loss = ReadLoss(predictor);
        var normalizeLabel = Text("normalize_label") switch
        {
            null or "auto" => predictor == PredictorType.Regressor,
            var text => Boolean("normalize_label", text, predictor == PredictorType.Regressor),
        };
        if (normalizeLabel && predictor != PredictorType.Regressor)
            _problems.Add("normalize_label can be true only for predictor_type regressor");

        return new LinearLearnerHyperparameters
        {
            PredictorType = predictor,
            FeatureDim = featureDim,
            MiniBatchSize = Integer("mini_batch_size", defaults.MiniBatchSize, 1, autoAllowed: false) ?? defaults.MiniBatchSize,
            Epochs = Integer("epochs", defaults.Epochs, 1, autoAllowed: false) ?? defaults.Epochs,
            NumModels = Integer("num_models", LinearLearnerHyperparameters.AutoNumModels, 1, autoAllowed: true)
                ?? LinearLearnerHyperparameters.AutoNumModels,
            Loss = loss,
            Optimizer = Text("optimizer") switch
            {
                null or "auto" or "adam" => LinearLearnerOptimizer.Adam,
                "sgd" => LinearLearnerOptimizer.Sgd,
                "rmsprop" => LinearLearnerOptimizer.RmsProp,
                var other => Invalid("optimizer", other, "one of auto, adam, sgd, rmsprop", LinearLearnerOptimizer.Adam),
            },
            LearningRate = Real("learning_rate", Range.Positive),
            Beta1 = Real("beta_1", Range.UnitHalfOpen) ?? defaults.Beta1,
            Beta2 = Real("beta_2", Range.UnitHalfOpen),
            Momentum = Real("momentum", Range.UnitHalfOpen) ?? defaults.Momentum,
            Wd = Real("wd", Range.NonNegative),
            L1 = Real("l1", Range.NonNegative),
            UseBias = Flag("use_bias", defaults.UseBias),
            UseLrScheduler = Flag("use_lr_scheduler", defaults.UseLrScheduler),
            NormalizeData = Flag("normalize_data", defaults.NormalizeData),
            NormalizeLabel = normalizeLabel,
            NumPointForScaler = Integer("num_point_for_scaler", defaults.NumPointForScaler, 1, autoAllowed: false)
                ?? defaults.NumPointForScaler,
            InitMethod = Text("init_method") switch
            {
                null or "uniform" => InitMethod.Uniform,
                "normal" => InitMethod.Normal,
                var other => Invalid("init_method", other, "uniform or normal", InitMethod.Uniform),
            },
            InitScale = Real("init_scale", Range.Positive, autoAllowed: false) ?? defaults.InitScale,
            InitSigma = Real("init_sigma", Range.Positive, autoAllowed: false) ?? defaults.InitSigma,
            InitBias = Real("init_bias", Range.Any, autoAllowed: false) ?? defaults.InitBias,
            EarlyStoppingPatience = Integer("early_stopping_patience", defaults.EarlyStoppingPatience, 1, autoAllowed: false)
                ?? defaults.EarlyStoppingPatience,
            EarlyStoppingTolerance = Real("early_stopping_tolerance", Range.Positive, autoAllowed: false) ?? defaults.EarlyStoppingTolerance,
            Quantile = Real("quantile", Range.UnitOpen, autoAllowed: false) ?? defaults.Quantile,
            LossInsensitivity = Real("loss_insensitivity", Range.Positive, autoAllowed: false) ?? defaults.LossInsensitivity,
            HuberDelta = Real("huber_delta", Range.NonNegative, autoAllowed: false) ?? defaults.HuberDelta,
        };
    }

    private PredictorType ReadPredictorType() => Text("predictor_type") switch
    {
        "regressor" => PredictorType.Regressor,
        "binary_classifier" => PredictorType.BinaryClassifier,
        "multiclass_classifier" => Problem("predictor_type multiclass_classifier is not supported by LocalSageMaker (regressor and binary_classifier are)",
            PredictorType.Regressor),
        null => Problem("predictor_type is required (regressor or binary_classifier)", PredictorType.Regressor),
        var other => Invalid("predictor_type", other, "regressor, binary_classifier or multiclass_classifier", PredictorType.Regressor),
    };

    private int? ReadFeatureDim()
    {
        var text = Text("feature_dim");
        if (text is null)
            return Problem<int?>("feature_dim is required (a positive integer or auto)", null);
        return text == "auto" ? null : Integer("feature_dim", 0, 1, autoAllowed: true);
    }

    private LinearLearnerLoss ReadLoss(PredictorType predictor)
    {
        var text = Text("loss");
        if (predictor == PredictorType.BinaryClassifier)
        {
            return text switch
            {
                null or "auto" or "logistic" => LinearLearnerLoss.Logistic,
                "hinge_loss" => Problem("loss hinge_loss is not supported by LocalSageMaker (binary_classifier supports logistic)",
                    LinearLearnerLoss.Logistic),
                var other => Invalid("loss", other, "auto or logistic for predictor_type binary_classifier", LinearLearnerLoss.Logistic),
            };
        }

        if (text is null or "auto")
            return LinearLearnerLoss.SquaredLoss;
        foreach (var loss in RegressionLosses)
            if (LinearLearnerLog.LossName(loss) == text)
                return loss;
        return Invalid("loss", text,
            $"auto or one of {string.Join(", ", RegressionLosses.Select(LinearLearnerLog.LossName))} for predictor_type regressor",
            LinearLearnerLoss.SquaredLoss);
    }

    private string? Text(string name) => _values.TryGetValue(name, out var value) ? value.Trim().ToLowerInvariant() : null;

    private int? Integer(string name, int autoValue, int minimum, bool autoAllowed)
    {
        var text = Text(name);
        if (text is null)
            return null;
        if (autoAllowed && text == "auto")
            return autoValue;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            // "25.0" is how some clients send integers.
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && real == Math.Floor(real)
                && real is >= int.MinValue and <= int.MaxValue)
                value = (int)real;
            else
                return Invalid<int?>(name, _values[name], autoAllowed ? $"an integer >= {minimum} or auto" : $"an integer >= {minimum}", null);
        }

        return value >= minimum ? value : Invalid<int?>(name, _values[name], $"an integer >= {minimum}", null);
    }

    private enum Range
    {
        Any,
        Positive,
        NonNegative,
        UnitHalfOpen,
        UnitOpen,
    }

    private float? Real(string name, Range range, bool autoAllowed = true)
    {
        var text = Text(name);
        if (text is null || (autoAllowed && text == "auto"))
            return null;
        var expected = range switch
        {
            Range.Positive => "a number > 0",
            Range.NonNegative => "a number >= 0",
            Range.UnitHalfOpen => "a number in [0, 1)",
            Range.UnitOpen => "a number in (0, 1)",
            _ => "a number",
        };
        if (autoAllowed)
            expected += " or auto";
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            return Invalid<float?>(name, _values[name], expected, null);
        var inRange = range switch
        {
            Range.Positive => value > 0,
            Range.NonNegative => value >= 0,
            Range.UnitHalfOpen => value is >= 0 and < 1,
            Range.UnitOpen => value is > 0 and < 1,
            _ => true,
        };
        return inRange ? (float)value : Invalid<float?>(name, _values[name], expected, null);
    }

    private bool Flag(string name, bool defaultValue) => Text(name) is { } text ? Boolean(name, text, defaultValue) : defaultValue;

    private bool Boolean(string name, string text, bool fallback) => text switch
    {
        "true" => true,
        "false" => false,
        _ => Invalid(name, _values[name], "true or false", fallback),
    };

    private T Invalid<T>(string name, string value, string expected, T fallback) =>
        Problem($"{name} must be {expected}, not '{value}'", fallback);

    private T Problem<T>(string problem, T fallback)
    {
        _problems.Add(problem);
        return fallback;
    }
}
