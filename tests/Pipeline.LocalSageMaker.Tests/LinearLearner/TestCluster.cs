using System.Globalization;
using System.IO.Compression;
using System.Text;
using Pipeline.Data.RecordIO;
using Pipeline.LocalSageMaker.LinearLearner;
using Pipeline.LocalSageMaker.Training;

namespace Pipeline.LocalSageMaker.Tests.LinearLearner;

/// <summary>A log stream kept in memory.</summary>
internal sealed class MemoryHostLog : IHostLog
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
                return [.. _lines];
        }
    }

    public void Write(string line)
    {
        lock (_lines)
            _lines.Add(line);
    }
}

/// <summary>Rows of a linear model plus Gaussian noise: y = w·x + b + N(0, noise²), x ~ N(mean, scale²) per feature.</summary>
internal sealed record SyntheticRows(float[] Features, float[] Labels, int FeatureCount)
{
    public int Count => Labels.Length;

    public ReadOnlySpan<float> Row(int r) => Features.AsSpan(r * FeatureCount, FeatureCount);

    public static SyntheticRows Linear(int rows, double[] weights, double bias, double noise, int seed)
    {
        var random = new Random(seed);
        var d = weights.Length;
        var features = new float[rows * d];
        var labels = new float[rows];
        for (var r = 0; r < rows; r++)
        {
            var y = bias + (noise * Normal(random));
            for (var j = 0; j < d; j++)
            {
                var x = (float)(((j + 1) * 0.5) + ((j + 1) * Normal(random)));
                features[(r * d) + j] = x;
                y += weights[j] * x;
            }

            labels[r] = (float)y;
        }

        return new SyntheticRows(features, labels, d);
    }

    public SyntheticRows Slice(int start, int count) =>
        new(Features[(start * FeatureCount)..((start + count) * FeatureCount)], Labels[start..(start + count)], FeatureCount);

    public static double Normal(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    public byte[] RecordIo()
    {
        using var stream = new MemoryStream();
        using (var writer = new RecordIoWriter(stream, leaveOpen: true))
        {
            for (var r = 0; r < Count; r++)
                writer.WriteDense(Row(r), Labels[r]);
        }

        return stream.ToArray();
    }

    public byte[] Csv()
    {
        var text = new StringBuilder();
        for (var r = 0; r < Count; r++)
        {
            text.Append(Labels[r].ToString("R", CultureInfo.InvariantCulture));
            foreach (var x in Row(r))
                text.Append(',').Append(x.ToString("R", CultureInfo.InvariantCulture));
            text.Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(bytes);
        return output.ToArray();
    }
}

/// <summary>A job's hosts laid out in a temporary folder, as the training engine would lay them out.</summary>
internal sealed class TestCluster : IDisposable
{
    public const string RecordIoType = "application/x-recordio-protobuf";

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"ll-test-{Guid.NewGuid():N}");
    private readonly List<ChannelInput> _channels = [];

    public TestCluster(int hosts = 1)
    {
        Hosts = Enumerable.Range(1, hosts)
            .Select(i => new TrainingHost($"algo-{i}", new HostFolders(Path.Combine(_root, $"algo-{i}")), new MemoryHostLog()))
            .ToList();
        foreach (var host in Hosts)
            Directory.CreateDirectory(host.Folders.InputData);
    }

    public IReadOnlyList<TrainingHost> Hosts { get; }

    public MemoryHostLog Log(int host = 0) => (MemoryHostLog)Hosts[host].Log;

    public TestCluster Channel(string name, string? contentType = RecordIoType, string compression = "None")
    {
        _channels.Add(new ChannelInput(name, contentType, "FullyReplicated", compression, "None"));
        foreach (var host in Hosts)
            Directory.CreateDirectory(host.Folders.Channel(name));
        return this;
    }

    public TestCluster File(int host, string channel, string name, byte[] bytes)
    {
        var path = Path.Combine(Hosts[host].Folders.Channel(channel), name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, bytes);
        return this;
    }

    /// <summary>The same file on every host (FullyReplicated).</summary>
    public TestCluster Replicated(string channel, string name, byte[] bytes)
    {
        for (var h = 0; h < Hosts.Count; h++)
            File(h, channel, name, bytes);
        return this;
    }

    public TrainingCluster Job(IReadOnlyDictionary<string, string> hyperparameters) =>
        new("test-job", "arn:aws:sagemaker:us-east-1:000000000000:training-job/test-job", "local/linear-learner:1",
            hyperparameters, _channels, Hosts);

    public Task TrainAsync(IReadOnlyDictionary<string, string> hyperparameters, LinearLearnerOptions? options = null) =>
        new LinearLearnerAlgorithm(options).TrainAsync(Job(hyperparameters), CancellationToken.None);

    public ModelArtifact Artifact(int host = 0) => ModelArtifact.Read(Hosts[host].Folders.Model);

    public byte[] ArtifactBytes(int host = 0) => System.IO.File.ReadAllBytes(Path.Combine(Hosts[host].Folders.Model, ModelArtifact.FileName));

    public static Dictionary<string, string> Regressor(int featureDim, params (string Name, string Value)[] more)
    {
        var values = new Dictionary<string, string>
        {
            ["predictor_type"] = "regressor",
            ["feature_dim"] = featureDim.ToString(CultureInfo.InvariantCulture),
            ["mini_batch_size"] = "100",
            ["epochs"] = "4",
        };
        foreach (var (name, value) in more)
            values[name] = value;
        return values;
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }
}
