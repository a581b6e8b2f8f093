using System.Globalization;
using Pipeline.LocalSageMaker.LinearLearner;

namespace Pipeline.LocalSageMaker.Tests.LinearLearner;

/// <summary>
/// Replicated rows (the validation channel) are evaluated once per cluster: each host its share, the sums all-reduced,
/// so every host still gets the loss over the whole set.
/// </summary>
public class When_hosts_share_the_evaluation
{
    private static readonly double[] TrueWeights = [2.0, -1.0, 0.5];

    [Theory]
    [InlineData(250_000, 5)]
    [InlineData(40_000, 3)]
    [InlineData(1_500, 5)]
    [InlineData(1_024, 2)]
    [InlineData(0, 4)]
    [InlineData(7, 1)]
    public void The_shares_cover_every_row_once_in_order(long rows, int hosts)
    {
        var shares = Enumerable.Range(0, hosts).Select(h => RowRange.Share(rows, h, hosts)).ToList();

        Assert.Equal(0, shares[0].Start);
        Assert.Equal(rows, shares[^1].End);
        for (var h = 1; h < hosts; h++)
            Assert.Equal(shares[h - 1].End, shares[h].Start);
        Assert.All(shares, s => Assert.True(s.Count >= 0 && (s.Count == 0 || s.Start % 1024 == 0), $"{s}"));
        // Balanced to within a chunk of 1,024 rows.
        if (rows >= 1024 * hosts)
            Assert.True(shares.Max(s => s.Count) - shares.Min(s => s.Count) <= 1024);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(3)]
    public async Task The_hosts_summed_losses_equal_one_pass_over_all_rows(int hosts)
    {
        var (bank, rows) = TrainedBank(rowCount: 50_000);
        var loss = new AbsoluteLossKernel();
        var single = new double[bank.ModelCount];
        bank.Evaluate(loss, rows, RowRange.All(rows), single);
        var singleMetrics = FinalMetrics.Sums(Weights(bank, 0), Bias(bank, 0), Scaling(), rows, RowRange.All(rows), PredictorType.Regressor);

        var exchange = new ClusterExchange(hosts);
        var perHost = await Task.WhenAll(Enumerable.Range(0, hosts).Select(h => Task.Run(async () =>
        {
            var share = RowRange.Share(rows.Count, h, hosts);
            var sums = new double[bank.ModelCount];
            bank.Evaluate(loss, rows, share, sums);
            await exchange.SumAsync(h, sums, CancellationToken.None);
            var metrics = FinalMetrics.Sums(Weights(bank, 0), Bias(bank, 0), Scaling(), rows, share, PredictorType.Regressor);
            await exchange.SumAsync(h, metrics, CancellationToken.None);
            return (sums, metrics);
        })));

        foreach (var (sums, metrics) in perHost)
        {
            for (var m = 0; m < single.Length; m++)
                Assert.Equal(single[m], sums[m], single[m] * 1e-6);
            Assert.Equal(rows.Count, metrics[0]);
            Assert.Equal(singleMetrics[1], metrics[1], singleMetrics[1] * 1e-6);
            Assert.Equal(singleMetrics[2], metrics[2], singleMetrics[2] * 1e-6);
        }
    }

    [Fact]
    public async Task Every_host_of_a_job_logs_the_validation_loss_of_the_whole_set()
    {
        var train = SyntheticRows.Linear(6000, TrueWeights, 1.0, 1.0, seed: 21);
        var validation = SyntheticRows.Linear(5000, TrueWeights, 1.0, 1.0, seed: 22);
        using var cluster = new TestCluster(hosts: 5).Channel("train").Channel("validation")
            .Replicated("train", "t.data", train.RecordIo())
            .Replicated("validation", "v.data", validation.RecordIo());

        await cluster.TrainAsync(TestCluster.Regressor(3, ("epochs", "2")));

        var lines = Enumerable.Range(0, 5).Select(h => ValidationLines(cluster.Log(h).Lines, $"algo-{h + 1}")).ToList();
        Assert.All(lines, l => Assert.Equal(lines[0], l));
        Assert.Contains("#data: host=algo-5, channel=validation, files=1, records=5000", cluster.Log(4).Lines);
        // The logged mse is the chosen model's over all 5,000 rows, computed here from the artifact on the raw rows.
        var artifact = cluster.Artifact(0);
        var expected = 0.0;
        for (var r = 0; r < validation.Count; r++)
        {
            double score = artifact.Bias;
            var x = validation.Row(r);
            for (var d = 0; d < x.Length; d++)
                score += artifact.Weights[d] * (((double)x[d] - artifact.FeatureMean[d]) / artifact.FeatureStd[d]);
            var error = (score * artifact.LabelStd) + artifact.LabelMean - validation.Labels[r];
            expected += error * error;
        }

        expected /= validation.Count;
        Assert.Equal(expected, FinalMse(cluster.Log(2).Lines), expected * 1e-5);
    }

    private static (ModelBank Bank, RowSet Rows) TrainedBank(int rowCount)
    {
        var hyperparameters = LinearLearnerHyperparameters.Parse(new Dictionary<string, string>
        {
            ["predictor_type"] = "regressor", ["feature_dim"] = "3", ["num_models"] = "32", ["loss"] = "absolute_loss",
        });
        var bank = new ModelBank(3, ModelGrid.Build(hyperparameters), hyperparameters, seed: 3);
        var data = SyntheticRows.Linear(rowCount, [0.6, -0.3, 0.5], 0.1, 0.5, seed: 12);
        var rows = new RowSet(3);
        for (var r = 0; r < data.Count; r++)
            rows.Add(data.Row(r), data.Labels[r]);
        // A few steps so that the models differ from their initial draws.
        for (var start = 0; start < 5000; start += 100)
        {
            bank.Accumulate(new AbsoluteLossKernel(), data.Features.AsSpan(start * 3, 300), data.Labels.AsSpan(start, 100));
            bank.ApplyGradient(100);
        }

        return (bank, rows);
    }

    private static float[] Weights(ModelBank bank, int model) =>
        [.. Enumerable.Range(0, bank.FeatureCount).Select(d => bank.Parameters[(d * bank.Stride) + model])];

    private static float Bias(ModelBank bank, int model) => bank.Parameters[(bank.FeatureCount * bank.Stride) + model];

    private static Scaling Scaling() => new([0f, 0f, 0f], [1f, 1f, 1f], 0f, 2f);

    private static List<string> ValidationLines(IReadOnlyList<string> lines, string host) =>
        [.. lines.Where(l => l.Contains("validation", StringComparison.Ordinal) && l.StartsWith("#quality_metric", StringComparison.Ordinal))
            .Select(l => l.Replace($"host={host}", "host=*", StringComparison.Ordinal))];

    private static double FinalMse(IReadOnlyList<string> lines)
    {
        var line = Assert.Single(lines, l => l.Contains("validation mse <loss>=", StringComparison.Ordinal));
        return double.Parse(line[(line.IndexOf('=', line.IndexOf("<loss>", StringComparison.Ordinal)) + 1)..], CultureInfo.InvariantCulture);
    }
}
