using System.Globalization;
using Pipeline.LocalSageMaker.LinearLearner;

namespace Pipeline.LocalSageMaker.Tests.LinearLearner;

public class When_hosts_train_on_disjoint_shards
{
    private static readonly double[] TrueWeights = [2.0, -1.0, 0.5];

    [Fact]
    public async Task Every_host_ends_with_the_same_model_having_read_only_its_own_rows()
    {
        // Unequal shards (30 and 17 batches of 100): the short host keeps joining the synchronisations.
        var train = SyntheticRows.Linear(4700, TrueWeights, 1.0, 0.1, seed: 7);
        var validation = SyntheticRows.Linear(2000, TrueWeights, 1.0, 0.1, seed: 8);
        using var cluster = new TestCluster(hosts: 2).Channel("train").Channel("validation")
            .File(0, "train", "a.data", train.Slice(0, 3000).RecordIo())
            .File(1, "train", "b.data", train.Slice(3000, 1700).RecordIo())
            .Replicated("validation", "v.data", validation.RecordIo());

        await cluster.TrainAsync(TestCluster.Regressor(3, ("epochs", "3")), new LinearLearnerOptions { SyncEveryBatches = 8 });

        Assert.Equal(cluster.ArtifactBytes(0), cluster.ArtifactBytes(1));
        Assert.Contains("#data: host=algo-1, channel=train, files=1, records=3000", cluster.Log(0).Lines);
        Assert.Contains("#data: host=algo-2, channel=train, files=1, records=1700", cluster.Log(1).Lines);
        // Trained on all 4,700 rows together: as good as the noise allows.
        Assert.InRange(ValidationMse(cluster.Log(0).Lines), 0.008, 0.012);
        Assert.Equal(ValidationMse(cluster.Log(0).Lines), ValidationMse(cluster.Log(1).Lines));
    }

    [Fact]
    public async Task A_host_with_no_rows_takes_part_and_writes_the_same_model()
    {
        var train = SyntheticRows.Linear(3000, TrueWeights, 1.0, 0.1, seed: 9);
        using var cluster = new TestCluster(hosts: 3).Channel("train")
            .File(0, "train", "a.data", train.Slice(0, 1500).RecordIo())
            .File(1, "train", "b.data", train.Slice(1500, 1500).RecordIo());

        await cluster.TrainAsync(TestCluster.Regressor(3, ("feature_dim", "auto")));

        Assert.Contains("#data: host=algo-3, channel=train, files=0, records=0", cluster.Log(2).Lines);
        Assert.Equal(cluster.ArtifactBytes(0), cluster.ArtifactBytes(2));
        Assert.Equal("train", cluster.Artifact(2).Model.SelectedBy);
        Assert.Equal(3, cluster.Artifact(2).FeatureDim);
    }

    [Fact]
    public async Task A_host_whose_data_is_unreadable_fails_the_job_without_leaving_the_others_waiting()
    {
        var train = SyntheticRows.Linear(500, TrueWeights, 1.0, 0.1, seed: 9);
        using var cluster = new TestCluster(hosts: 2).Channel("train")
            .File(0, "train", "a.data", train.RecordIo())
            .File(1, "train", "broken.data", [1, 2, 3, 4, 5, 6, 7, 8, 9]);

        var error = await Assert.ThrowsAsync<Pipeline.LocalSageMaker.Training.AlgorithmErrorException>(
            () => cluster.TrainAsync(TestCluster.Regressor(3)));

        Assert.Contains("train/broken.data", error.Message, StringComparison.Ordinal);
    }

    private static double ValidationMse(IReadOnlyList<string> lines)
    {
        var line = Assert.Single(lines, l => l.Contains("validation mse <loss>=", StringComparison.Ordinal));
        return double.Parse(line[(line.IndexOf('=', line.IndexOf("<loss>", StringComparison.Ordinal)) + 1)..], CultureInfo.InvariantCulture);
    }
}
