using Pipeline.LocalSageMaker.LinearLearner;

namespace Pipeline.LocalSageMaker.Tests.LinearLearner;

public class ModelBankTests
{
    [Theory]
    [InlineData("adam")]
    [InlineData("sgd")]
    [InlineData("rmsprop")]
    public void Every_model_s_loss_decreases_under_each_optimizer(string optimizer)
    {
        var hyperparameters = LinearLearnerHyperparameters.Parse(new Dictionary<string, string>
        {
            ["predictor_type"] = "regressor", ["feature_dim"] = "3", ["optimizer"] = optimizer, ["num_models"] = "12",
        });
        var grid = ModelGrid.Build(hyperparameters);
        var bank = new ModelBank(3, grid, hyperparameters, seed: 5);
        // Already normalised: features N(0, 1), label a linear function of them.
        var rows = SyntheticRows.Linear(2000, [0.6, -0.3, 0.5], 0.1, 0.05, seed: 11);
        var features = rows.Features.Select((x, i) => (x - (((i % 3) + 1) * 0.5f)) / ((i % 3) + 1)).ToArray();
        var before = Loss(bank, features, rows.Labels, grid.Count);

        for (var epoch = 0; epoch < 15; epoch++)
        {
            for (var start = 0; start < rows.Count; start += 50)
            {
                bank.Accumulate(new SquaredLossKernel(), features.AsSpan(start * 3, 150), rows.Labels.AsSpan(start, 50));
                bank.ApplyGradient(50);
            }
        }

        var after = Loss(bank, features, rows.Labels, grid.Count);
        for (var m = 0; m < grid.Count; m++)
            Assert.True(after[m] < before[m] * 0.9, $"model {m} ({grid[m]}): loss {before[m]} -> {after[m]}");
    }

    [Fact]
    public void Predictions_and_gradients_match_a_scalar_computation()
    {
        var hyperparameters = LinearLearnerHyperparameters.Parse(new Dictionary<string, string>
        {
            ["predictor_type"] = "regressor", ["feature_dim"] = "5", ["num_models"] = "11", ["optimizer"] = "sgd", ["momentum"] = "0",
            ["learning_rate"] = "0.1", ["wd"] = "0", ["l1"] = "0",
        });
        var grid = ModelGrid.Build(hyperparameters);
        var bank = new ModelBank(5, grid, hyperparameters, seed: 3);
        var rows = SyntheticRows.Linear(7, [1, 2, 3, 4, 5], 0, 0.1, seed: 2);
        var weights = Enumerable.Range(0, 11).Select(m => Enumerable.Range(0, 5).Select(d => (double)bank.Weight(m, d)).ToArray()).ToArray();
        var biases = Enumerable.Range(0, 11).Select(m => (double)bank.Bias(m)).ToArray();

        bank.Accumulate(new SquaredLossKernel(), rows.Features, rows.Labels);
        bank.ApplyGradient(rows.Count);

        // Plain SGD without momentum: w -= 0.1 * mean((w·x + b - y) x).
        for (var m = 0; m < 11; m++)
        {
            var gradient = new double[6];
            for (var r = 0; r < rows.Count; r++)
            {
                var x = rows.Row(r);
                var residual = biases[m] - rows.Labels[r];
                for (var d = 0; d < 5; d++)
                    residual += weights[m][d] * x[d];
                for (var d = 0; d < 5; d++)
                    gradient[d] += residual * x[d] / rows.Count;
                gradient[5] += residual / rows.Count;
            }

            for (var d = 0; d < 5; d++)
                Assert.Equal(weights[m][d] - (0.1 * gradient[d]), bank.Weight(m, d), 1e-3);
            Assert.Equal(biases[m] - (0.1 * gradient[5]), bank.Bias(m), 1e-3);
        }
    }

    private static double[] Loss(ModelBank bank, float[] features, float[] labels, int models)
    {
        var sums = new double[models];
        bank.Evaluate(new SquaredLossKernel(), features, labels, sums);
        return sums;
    }
}
