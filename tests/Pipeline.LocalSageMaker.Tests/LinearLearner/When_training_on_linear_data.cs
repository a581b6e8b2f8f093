using System.Globalization;
using System.Text.RegularExpressions;
using Pipeline.LocalSageMaker.LinearLearner;

namespace Pipeline.LocalSageMaker.Tests.LinearLearner;

public sealed class When_training_on_linear_data : IAsyncLifetime
{
    private const double Noise = 0.1;
    private static readonly double[] TrueWeights = [1.5, -2.0, 0.25, 0.0, 3.0];
    private const double TrueBias = 4.0;

    private readonly TestCluster _cluster = new();
    private readonly SyntheticRows _validation = SyntheticRows.Linear(4000, TrueWeights, TrueBias, Noise, seed: 2);

    public async Task InitializeAsync()
    {
        var train = SyntheticRows.Linear(20_000, TrueWeights, TrueBias, Noise, seed: 1);
        _cluster.Channel("train").Channel("validation")
            .File(0, "train", "part-0.data", train.Slice(0, 12_000).RecordIo())
            .File(0, "train", "nested/part-1.data", train.Slice(12_000, 8_000).RecordIo())
            .File(0, "validation", "validation.data", _validation.RecordIo());
        await _cluster.TrainAsync(TestCluster.Regressor(5, ("epochs", "5"), ("early_stopping_patience", "5")));
    }

    public Task DisposeAsync()
    {
        _cluster.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public void The_validation_mse_is_near_the_noise_variance()
    {
        var mse = FinalMetric("validation mse <loss>");
        var mae = FinalMetric("validation absolute_loss <loss>");

        Assert.InRange(mse, Noise * Noise * 0.85, Noise * Noise * 1.2);
        // The mean absolute value of N(0, σ²) is σ·sqrt(2/π).
        Assert.InRange(mae, Noise * Math.Sqrt(2 / Math.PI) * 0.9, Noise * Math.Sqrt(2 / Math.PI) * 1.15);
    }

    [Fact]
    public void The_model_recovers_the_true_weights()
    {
        var model = LinearLearnerModel.Load(_cluster.Hosts[0].Folders.Model);
        var rows = new float[6 * 5];
        for (var d = 0; d < 5; d++)
            rows[((d + 1) * 5) + d] = 1f; // row 0 is all zeros, row d+1 is the unit vector e_d
        var scores = new float[6];

        model.Predict(rows, 5, scores);

        Assert.Equal(TrueBias, scores[0], 0.05);
        for (var d = 0; d < 5; d++)
            Assert.Equal(TrueWeights[d], scores[d + 1] - scores[0], 0.02);
    }

    [Fact]
    public void Every_line_has_linear_learner_s_format()
    {
        var lines = _cluster.Log().Lines;
        var number = @"-?[0-9]+(\.[0-9]+)?(E[-+]?[0-9]+)?";
        var patterns = new Dictionary<string, Regex>
        {
            ["train objective"] = new($@"^#quality_metric: host=algo-1, epoch=(\d+), train squared_loss_objective <loss>={number}$"),
            ["validation objective"] = new($@"^#quality_metric: host=algo-1, epoch=(\d+), validation squared_loss_objective <loss>={number}$"),
            ["progress"] = new(@"^#progress_metric: host=algo-1, completed (\d+) % of epochs$"),
            ["throughput"] = new(@"^#throughput_metric: host=algo-1, train throughput=[0-9]+\.[0-9] records/second$"),
            ["validation mse"] = new($@"^#quality_metric: host=algo-1, validation mse <loss>={number}$"),
            ["validation absolute_loss"] = new($@"^#quality_metric: host=algo-1, validation absolute_loss <loss>={number}$"),
        };

        var counts = patterns.ToDictionary(p => p.Key, p => lines.Count(p.Value.IsMatch));

        Assert.Equal(5, counts["train objective"]);
        Assert.Equal(5, counts["validation objective"]);
        Assert.Equal(5, counts["throughput"]);
        Assert.Equal(1, counts["validation mse"]);
        Assert.Equal(1, counts["validation absolute_loss"]);
        Assert.Equal(["20", "40", "60", "80", "100"],
            lines.Select(l => patterns["progress"].Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value));
        Assert.Equal(["0", "1", "2", "3", "4"],
            lines.Select(l => patterns["train objective"].Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value));
        Assert.Contains("#data: host=algo-1, channel=train, files=2, records=20000", lines);
    }

    [Fact]
    public void The_chosen_model_has_the_lowest_validation_loss_of_all_models()
    {
        var artifact = _cluster.Artifact();

        Assert.Equal("validation", artifact.Model.SelectedBy);
        Assert.Equal(32, artifact.Candidates.Count);
        Assert.Equal(artifact.Candidates.Min(c => c.BestLoss), artifact.Model.SelectionLoss);
        Assert.Equal(artifact.Model.Index, artifact.Candidates.MinBy(c => c.BestLoss)!.Index);
        // The recorded loss is the written model's: recompute its validation objective (½ r² on the normalised label).
        var model = new LinearLearnerModel(artifact);
        var scores = new float[_validation.Count];
        model.Predict(_validation.Features, 5, scores);
        var objective = 0.0;
        for (var r = 0; r < scores.Length; r++)
        {
            var residual = (scores[r] - _validation.Labels[r]) / (double)artifact.LabelStd;
            objective += 0.5 * residual * residual / scores.Length;
        }

        Assert.Equal(artifact.Model.SelectionLoss, objective, artifact.Model.SelectionLoss * 1e-3);
    }

    private double FinalMetric(string name)
    {
        var prefix = $"#quality_metric: host=algo-1, {name}=";
        var line = Assert.Single(_cluster.Log().Lines, l => l.StartsWith(prefix, StringComparison.Ordinal));
        return double.Parse(line[prefix.Length..], CultureInfo.InvariantCulture);
    }
}
