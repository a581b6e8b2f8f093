using System.Globalization;

namespace Pipeline.Benchmarks;

/// <summary>The linear-learner benchmark's command line.</summary>
internal sealed record LinearLearnerBenchmarkOptions
{
    public const string Synopsis =
        "linear-learner [--train-rows 1000000] [--validation-rows 200000] [--epochs 3] [--mini-batch-size 1000] [--seed 1729] [--skip-reference] [--work <dir>] [--keep]";

    public int TrainRows { get; init; } = 1_000_000;
    public int ValidationRows { get; init; } = 200_000;
    public int Epochs { get; init; } = 3;
    public int MiniBatchSize { get; init; } = 1000;
    public int Seed { get; init; } = 1729;
    public bool SkipReference { get; init; }
    public string? Work { get; init; }
    public bool Keep { get; init; }

    public static bool TryParse(IReadOnlyList<string> args, out LinearLearnerBenchmarkOptions options, out string? error)
    {
        options = new LinearLearnerBenchmarkOptions();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            switch (name)
            {
                case "--skip-reference": options = options with { SkipReference = true }; continue;
                case "--keep": options = options with { Keep = true }; continue;
            }

            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value.";
                return false;
            }

            var value = args[++i];
            if (name == "--work")
            {
                options = options with { Work = value };
                continue;
            }

            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
            {
                error = $"{name} takes a positive whole number, not '{value}'.";
                return false;
            }

            switch (name)
            {
                case "--train-rows": options = options with { TrainRows = number }; break;
                case "--validation-rows": options = options with { ValidationRows = number }; break;
                case "--epochs": options = options with { Epochs = number }; break;
                case "--mini-batch-size": options = options with { MiniBatchSize = number }; break;
                case "--seed": options = options with { Seed = number }; break;
                default:
                    error = $"Unknown option {name}.";
                    return false;
            }
        }

        return true;
    }

    public static int Usage(string problem)
    {
        Console.Error.WriteLine(problem);
        Console.Error.WriteLine($"Usage: dotnet run -c Release --project tests/Pipeline.Benchmarks -- {Synopsis}");
        return 2;
    }
}
