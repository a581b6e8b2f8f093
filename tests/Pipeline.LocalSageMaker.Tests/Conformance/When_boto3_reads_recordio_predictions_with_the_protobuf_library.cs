using System.Text.Json;
using Pipeline.LocalSageMaker.LinearLearner;
using Pipeline.LocalSageMaker.Tests.Hosting;
using Pipeline.LocalSageMaker.Tests.Server;

namespace Pipeline.LocalSageMaker.Tests.Conformance;

/// <summary>
/// Conformance/recordio_predictions.py: boto3's invoke_endpoint with Accept application/x-recordio-protobuf, the
/// frames split and each Record parsed by Google's protobuf library (Debian's python3-protobuf) from a descriptor
/// built in the script, against the JSON answer for the same rows, for a regressor and a binary classifier.
/// </summary>
public sealed class When_boto3_reads_recordio_predictions_with_the_protobuf_library(RecordIoPredictionsRun run)
    : IClassFixture<RecordIoPredictionsRun>
{
    private readonly JsonElement _seen = run.Seen;

    [Theory]
    [InlineData(RecordIoPredictionsRun.Regressor)]
    [InlineData(RecordIoPredictionsRun.Classifier)]
    public void Each_row_gets_one_record_with_no_features_and_one_value_per_label(string endpoint)
    {
        var seen = _seen.GetProperty(endpoint);
        Assert.Equal("application/x-recordio-protobuf", seen.GetProperty("content_type").GetString());
        Assert.Equal("application/json", seen.GetProperty("json_content_type").GetString());
        Assert.Equal(RecordIoPredictionsRun.Rows, seen.GetProperty("records").GetInt32());
        Assert.Equal(0, seen.GetProperty("feature_entries").GetInt32());
        Assert.Equal([1], seen.GetProperty("value_lengths").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal([endpoint == RecordIoPredictionsRun.Classifier ? "predicted_label,score" : "score"],
            seen.GetProperty("label_keys").EnumerateArray().Select(k => k.GetString()));
    }

    [Theory]
    [InlineData(RecordIoPredictionsRun.Regressor)]
    [InlineData(RecordIoPredictionsRun.Classifier)]
    public void The_scores_are_the_json_answers_in_row_order(string endpoint)
    {
        var seen = _seen.GetProperty(endpoint);
        var json = seen.GetProperty("json_scores").EnumerateArray().Select(s => s.GetSingle()).ToList();
        var recordio = seen.GetProperty("scores").EnumerateArray().Select(s => (float)s.GetDouble()).ToList();

        Assert.Equal(json, recordio);
        Assert.True(seen.GetProperty("scores_match").GetBoolean());
        var model = run.Models[endpoint];
        for (var i = 0; i < recordio.Count; i++)
            Assert.Equal(model.Score(run.RowsSent[i]), recordio[i], 1e-4);
    }

    [Fact]
    public void The_binary_classifiers_predicted_labels_are_the_json_answers()
    {
        var seen = _seen.GetProperty(RecordIoPredictionsRun.Classifier);
        var json = seen.GetProperty("json_predicted_labels").EnumerateArray().Select(l => (float)l.GetInt32()).ToList();
        var recordio = seen.GetProperty("predicted_labels").EnumerateArray().Select(l => l.GetSingle()).ToList();

        Assert.Equal(json, recordio);
        Assert.True(seen.GetProperty("labels_match").GetBoolean());
        Assert.Equal([0f, 1f], recordio.Distinct().Order());
        Assert.All(_seen.GetProperty(RecordIoPredictionsRun.Regressor).GetProperty("predicted_labels").EnumerateArray(),
            l => Assert.Equal(JsonValueKind.Null, l.ValueKind));
    }
}

/// <summary>A regressor and a binary classifier of known weights hosted once for the class, and what the script saw.</summary>
public sealed class RecordIoPredictionsRun : IAsyncLifetime
{
    public const string Regressor = "recordio-regressor";
    public const string Classifier = "recordio-classifier";
    public const int Rows = 300;
    private const int FeatureDim = 6;

    private HostingHarness? _harness;

    public Dictionary<string, TestModel> Models { get; } = new()
    {
        [Regressor] = new TestModel(FeatureDim),
        [Classifier] = new TestModel(FeatureDim, predictorType: PredictorType.BinaryClassifier),
    };

    public float[][] RowsSent { get; private set; } = [];

    /// <summary>The script's JSON object: per endpoint, what the recordio and JSON answers held.</summary>
    public JsonElement Seen { get; private set; }

    public async Task InitializeAsync()
    {
        // Fails, not skips, without Debian's python3-protobuf.
        var protobuf = await DebianPythonPackages.FolderOfAsync("google.protobuf", "python3-protobuf");
        _harness = await HostingHarness.StartAsync();
        foreach (var (name, model) in Models)
            await _harness.DeployAsync(model, name);
        RowsSent = Models[Regressor].Rows(Rows);
        var csv = Path.Combine(_harness.Folder, "rows.csv");
        await File.WriteAllBytesAsync(csv, RuntimeCall.Csv(RowsSent));

        var output = await Boto3Script.RunAsync("Conformance/recordio_predictions.py", _harness.Address, [csv, protobuf, Regressor, Classifier]);
        Seen = JsonDocument.Parse(output).RootElement.Clone();
    }

    public async Task DisposeAsync()
    {
        if (_harness is not null)
            await _harness.DisposeAsync();
    }
}
