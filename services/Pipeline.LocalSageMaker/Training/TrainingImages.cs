namespace Pipeline.LocalSageMaker.Training;

/// <summary>
/// Which algorithm a TrainingImage runs: <c>local:&lt;command&gt;</c> is a bring-your-own command
/// (<see cref="LocalCommandAlgorithm"/>); any image whose path contains <c>linear-learner</c> (such as
/// 382416733822.dkr.ecr.us-east-1.amazonaws.com/linear-learner:1) is the built-in linear learner, registered as the
/// keyed <see cref="ITrainingAlgorithm"/> <see cref="LinearLearnerKey"/>; any image whose path contains <c>xgboost</c>
/// (.../xgboost:1, .../sagemaker-xgboost:1.7-1) is the built-in XGBoost, keyed <see cref="XGBoostKey"/>. Nothing else can
/// run here.
/// </summary>
public sealed class TrainingImages(ITrainingAlgorithm? linearLearner, LocalCommandPolicy? localCommands = null, ITrainingAlgorithm? xgboost = null)
{
    public const string LinearLearnerKey = "linear-learner";
    public const string XGBoostKey = "xgboost";
    public const string LocalCommandPrefix = "local:";

    /// <summary>The algorithm for <paramref name="image"/>, or null with the reason it cannot run.</summary>
    public ITrainingAlgorithm? Resolve(string image, IReadOnlyDictionary<string, string>? environment, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(image);
        problem = null;
        if (image.StartsWith(LocalCommandPrefix, StringComparison.Ordinal))
        {
            var command = image[LocalCommandPrefix.Length..];
            if (!string.IsNullOrWhiteSpace(command))
                return (localCommands ?? LocalCommandPolicy.NoneAllowed).Resolve(command, environment, out problem);
            problem = "algorithmSpecification.trainingImage 'local:' names no command: write local:<command>, e.g. local:python3 train.py.";
            return null;
        }

        if (image.Contains(LinearLearnerKey, StringComparison.Ordinal))
        {
            if (linearLearner is not null)
                return linearLearner;
            problem = "The built-in linear learner is not available in this LocalSageMaker.";
            return null;
        }

        if (image.Contains(XGBoostKey, StringComparison.Ordinal))
        {
            if (xgboost is not null)
                return xgboost;
            problem = "The built-in XGBoost is not available in this LocalSageMaker.";
            return null;
        }

        problem = $"LocalSageMaker cannot run the image '{image}': it runs the built-in linear learner (an image whose path contains 'linear-learner'), "
            + "the built-in XGBoost (an image whose path contains 'xgboost') and bring-your-own commands (local:<command>).";
        return null;
    }
}
