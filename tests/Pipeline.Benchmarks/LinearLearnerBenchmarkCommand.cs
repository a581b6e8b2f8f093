using System.CommandLine;

namespace Pipeline.Benchmarks;

/// <summary>
/// `linear-learner [--train-rows 1000000] [--validation-rows 200000] [--epochs 3] [--mini-batch-size 1000] [--seed 1729]
/// [--skip-reference] [--work &lt;dir&gt;] [--keep]`.
/// </summary>
internal sealed class LinearLearnerBenchmarkCommand : Command
{
    private static readonly LinearLearnerBenchmarkOptions Defaults = LinearLearnerBenchmarkOptions.Defaults;

    private readonly Option<int> _trainRows = NumberArgument.AtLeast(
        "--train-rows", "Rows of generated training data.", Defaults.TrainRows, 1);

    private readonly Option<int> _validationRows = NumberArgument.AtLeast(
        "--validation-rows", "Rows of generated validation data.", Defaults.ValidationRows, 1);

    private readonly Option<int> _epochs = NumberArgument.AtLeast(
        "--epochs", "Passes over the training rows, for both.", Defaults.Epochs, 1);

    private readonly Option<int> _miniBatchSize = NumberArgument.AtLeast(
        "--mini-batch-size", "The linear learner's mini_batch_size.", Defaults.MiniBatchSize, 1);

    private readonly Option<int> _seed = NumberArgument.AtLeast(
        "--seed", "Seed of the generated data.", Defaults.Seed, 1);

    private readonly Option<bool> _skipReference = new("--skip-reference") { Description = "Leave out the reference (scikit-learn's SGDRegressor)." };

    private readonly Option<string> _work = new("--work") { Description = "Folder for the generated data and the job, left in place; by default a new temporary folder." };

    private readonly Option<bool> _keep = new("--keep") { Description = "Leave the temporary work folder in place." };

    public LinearLearnerBenchmarkCommand()
        : base("linear-learner", "Trains LocalSageMaker's linear learner (32 models, one core) and scikit-learn's SGDRegressor on the same generated rows; prints both throughputs and validation MSEs.")
    {
        Options.Add(_trainRows);
        Options.Add(_validationRows);
        Options.Add(_epochs);
        Options.Add(_miniBatchSize);
        Options.Add(_seed);
        Options.Add(_skipReference);
        Options.Add(_work);
        Options.Add(_keep);
        SetAction((parseResult, _) => LinearLearnerBenchmark.RunAsync(Read(parseResult)));
    }

    private LinearLearnerBenchmarkOptions Read(ParseResult parseResult) => new()
    {
        TrainRows = parseResult.GetValue(_trainRows),
        ValidationRows = parseResult.GetValue(_validationRows),
        Epochs = parseResult.GetValue(_epochs),
        MiniBatchSize = parseResult.GetValue(_miniBatchSize),
        Seed = parseResult.GetValue(_seed),
        SkipReference = parseResult.GetValue(_skipReference),
        Work = parseResult.GetValue(_work),
        Keep = parseResult.GetValue(_keep),
    };
}
