namespace Pipeline.LocalSageMaker.LinearLearner;

public enum PredictorType
{
    Regressor,
    BinaryClassifier,
}

public enum LinearLearnerLoss
{
    SquaredLoss,
    AbsoluteLoss,
    HuberLoss,
    EpsInsensitiveSquaredLoss,
    EpsInsensitiveAbsoluteLoss,
    QuantileLoss,
    Logistic,
}

public enum LinearLearnerOptimizer
{
    Adam,
    Sgd,
    RmsProp,
}

public enum InitMethod
{
    Uniform,
    Normal,
}

/// <summary>
/// Linear learner's hyperparameters (DOMAIN.md section 4), parsed from the job's string map with "auto" resolved where
/// it does not depend on the model grid: a null <see cref="LearningRate"/>, <see cref="Wd"/> or <see cref="L1"/> means
/// "auto", which <see cref="ModelGrid"/> spreads across the models.
/// </summary>
public sealed record LinearLearnerHyperparameters
{
    public const int AutoNumModels = 32;

    public PredictorType PredictorType { get; init; } = PredictorType.Regressor;

    /// <summary>Null: "auto", taken from the data.</summary>
    public int? FeatureDim { get; init; }

    public int MiniBatchSize { get; init; } = 1000;
    public int Epochs { get; init; } = 15;
    public int NumModels { get; init; } = AutoNumModels;
    public LinearLearnerLoss Loss { get; init; } = LinearLearnerLoss.SquaredLoss;
    public LinearLearnerOptimizer Optimizer { get; init; } = LinearLearnerOptimizer.Adam;
    public float? LearningRate { get; init; }
    public float Beta1 { get; init; } = 0.9f;

    /// <summary>Adam's second-moment decay; also RMSProp's decay when given (RMSProp's "auto" is 0.9).</summary>
    public float? Beta2 { get; init; }

    /// <summary>SGD's momentum ("auto" is 0.9).</summary>
    public float Momentum { get; init; } = 0.9f;

    public float? Wd { get; init; }
    public float? L1 { get; init; }
    public bool UseBias { get; init; } = true;
    public bool UseLrScheduler { get; init; } = true;
    public bool NormalizeData { get; init; } = true;
    public bool NormalizeLabel { get; init; } = true;
    public int NumPointForScaler { get; init; } = 10_000;
    public InitMethod InitMethod { get; init; } = InitMethod.Uniform;
    public float InitScale { get; init; } = 0.07f;
    public float InitSigma { get; init; } = 0.01f;
    public float InitBias { get; init; }
    public int EarlyStoppingPatience { get; init; } = 3;
    public float EarlyStoppingTolerance { get; init; } = 0.001f;
    public float Quantile { get; init; } = 0.5f;
    public float LossInsensitivity { get; init; } = 0.01f;
    public float HuberDelta { get; init; } = 1.0f;

    /// <summary>
    /// Parses and validates the string map. Every problem (unknown name, unparsable or out-of-range value,
    /// unsupported combination) is collected; if there is any, an <see cref="Training.AlgorithmErrorException"/> lists
    /// them all.
    /// </summary>
    public static LinearLearnerHyperparameters Parse(IReadOnlyDictionary<string, string> values) =>
        HyperparameterParser.Parse(values);
}
