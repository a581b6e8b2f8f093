namespace Pipeline.LocalSageMaker.LinearLearner;

/// <summary>One of the models trained together: its place in the grid and the settings it trains with.</summary>
public sealed record ModelSettings(int Index, float LearningRate, float Wd, float L1);

/// <summary>
/// Spreads the models over learning rates and regularisation (see README.md, "The model grid"). Settings given as
/// hyperparameters are used by every model; "auto" ones vary:
/// learning rates log-spaced over two decades around the optimizer's base rate (model m takes rate m mod L), and
/// (wd, l1) from four regularisation levels (model m takes level (m div L) mod R).
/// </summary>
internal static class ModelGrid
{
    /// <summary>(wd, l1) per regularisation level, from none to the strongest.</summary>
    private static readonly (float Wd, float L1)[] RegularisationLevels =
    [
        (0f, 0f),
        (1e-4f, 0f),
        (0f, 1e-4f),
        (1e-3f, 1e-5f),
    ];

    public static float BaseLearningRate(LinearLearnerOptimizer optimizer) => optimizer switch
    {
        LinearLearnerOptimizer.RmsProp => 0.003f,
        _ => 0.01f,
    };

    public static IReadOnlyList<ModelSettings> Build(LinearLearnerHyperparameters hyperparameters)
    {
        var models = hyperparameters.NumModels;
        var levels = hyperparameters.Wd is null || hyperparameters.L1 is null ? Math.Min(RegularisationLevels.Length, models) : 1;
        var rates = hyperparameters.LearningRate is null ? (models + levels - 1) / levels : 1;
        var baseRate = BaseLearningRate(hyperparameters.Optimizer);

        var settings = new ModelSettings[models];
        for (var m = 0; m < models; m++)
        {
            var rateIndex = m % rates;
            var level = RegularisationLevels[m / rates % levels];
            var rate = hyperparameters.LearningRate
                ?? (rates == 1 ? baseRate : (float)(baseRate * Math.Pow(10, -1 + (2.0 * rateIndex / (rates - 1)))));
            settings[m] = new ModelSettings(m, rate, hyperparameters.Wd ?? level.Wd, hyperparameters.L1 ?? level.L1);
        }

        return settings;
    }
}
