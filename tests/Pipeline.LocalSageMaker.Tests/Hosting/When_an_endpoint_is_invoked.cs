using System.Net;
using System.Text;
using Pipeline.Data.RecordIO;
using Pipeline.LocalSageMaker.Hosting;
using Pipeline.LocalSageMaker.LinearLearner;

namespace Pipeline.LocalSageMaker.Tests.Hosting;

public sealed class When_an_endpoint_is_invoked
{
    private const int Dim = 5;

    [Fact]
    public async Task Csv_rows_get_the_scores_of_the_model_as_json()
    {
        await using var harness = await HostingHarness.StartAsync();
        var model = new TestModel(Dim);
        await harness.DeployAsync(model, "csv");
        var rows = model.Rows(300);

        var answer = await RuntimeCall.InvokeAsync(harness.Address, "csv", RuntimeCall.Csv(rows), "text/csv");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("application/json", answer.ContentType);
        Assert.Equal("AllTraffic", answer.Variant);
        AssertScores(model, rows, RuntimeCall.Predictions(answer.Body));
    }

    [Fact]
    public async Task Json_instances_and_a_single_features_object_are_scored()
    {
        await using var harness = await HostingHarness.StartAsync();
        var model = new TestModel(Dim);
        await harness.DeployAsync(model, "json");
        var rows = model.Rows(3);
        var instances = "{\"instances\":[" + string.Join(",", rows.Select(r => "{\"features\":[" + string.Join(",", r.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "]}")) + "]}";
        var single = "{\"features\":[" + string.Join(",", rows[1].Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "]}";

        var many = await RuntimeCall.InvokeAsync(harness.Address, "json", Encoding.UTF8.GetBytes(instances), "application/json");
        var one = await RuntimeCall.InvokeAsync(harness.Address, "json", Encoding.UTF8.GetBytes(single), "application/json", accept: "application/json");

        AssertScores(model, rows, RuntimeCall.Predictions(many.Body));
        AssertScores(model, [rows[1]], RuntimeCall.Predictions(one.Body));
    }

    [Fact]
    public async Task RecordIO_protobuf_rows_are_scored_and_jsonlines_written_on_request()
    {
        await using var harness = await HostingHarness.StartAsync();
        var model = new TestModel(Dim);
        await harness.DeployAsync(model, "recordio");
        var rows = model.Rows(50);

        var answer = await RuntimeCall.InvokeAsync(harness.Address, "recordio", RecordIo(rows), "application/x-recordio-protobuf", accept: "application/jsonlines");

        Assert.Equal("application/jsonlines", answer.ContentType);
        var lines = answer.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.StartsWith("{\"score\":", l, StringComparison.Ordinal));
        AssertScores(model, rows, [.. lines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("score").GetSingle())]);
    }

    [Fact]
    public async Task Recordio_protobuf_is_written_on_request_with_the_scores_of_the_json_answer()
    {
        await using var harness = await HostingHarness.StartAsync();
        var model = new TestModel(Dim);
        await harness.DeployAsync(model, "recordio-out");
        // More rows than one inference batch (2,048), sent as the SDK's LinearLearnerPredictor sends them.
        var rows = model.Rows(5_000);
        var body = RecordIo(rows);

        var recordio = await RuntimeCall.InvokeAsync(harness.Address, "recordio-out", body, "application/x-recordio-protobuf", accept: "application/x-recordio-protobuf");
        var json = await RuntimeCall.InvokeAsync(harness.Address, "recordio-out", body, "application/x-recordio-protobuf", accept: "application/json");

        Assert.Equal(HttpStatusCode.OK, recordio.Status);
        Assert.Equal("application/x-recordio-protobuf", recordio.ContentType);
        var records = RuntimeCall.RecordIoPredictions(recordio.Content);
        Assert.All(records, r => Assert.Equal((1, 0, 0), (r.Score.Length, r.PredictedLabel.Length, r.Features)));
        var scores = records.Select(r => r.Score[0]).ToArray();
        Assert.Equal(RuntimeCall.Predictions(json.Body), scores);
        AssertScores(model, rows, scores);
    }

    [Fact]
    public async Task A_binary_classifiers_recordio_answer_holds_the_json_answers_scores_and_predicted_labels()
    {
        await using var harness = await HostingHarness.StartAsync();
        var model = new TestModel(Dim, predictorType: PredictorType.BinaryClassifier);
        await harness.DeployAsync(model, "binary-recordio");
        var rows = model.Rows(400);

        var recordio = await RuntimeCall.InvokeAsync(harness.Address, "binary-recordio", RuntimeCall.Csv(rows), "text/csv", accept: "application/x-recordio-protobuf");
        var json = await RuntimeCall.InvokeAsync(harness.Address, "binary-recordio", RuntimeCall.Csv(rows), "text/csv");

        Assert.Equal("application/x-recordio-protobuf", recordio.ContentType);
        var records = RuntimeCall.RecordIoPredictions(recordio.Content);
        var predictions = System.Text.Json.JsonDocument.Parse(json.Body).RootElement.GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(rows.Length, records.Count);
        Assert.Equal(predictions.Select(p => p.GetProperty("score").GetSingle()), records.Select(r => Assert.Single(r.Score)));
        Assert.Equal(predictions.Select(p => (float)p.GetProperty("predicted_label").GetInt32()), records.Select(r => Assert.Single(r.PredictedLabel)));
        Assert.All(records, r => Assert.Equal(0, r.Features));
        // Both labels occur, so a label that ignored the score would show.
        Assert.Equal([0f, 1f], records.Select(r => r.PredictedLabel[0]).Distinct().Order());
    }

    [Theory]
    [InlineData("text/html, application/x-recordio-protobuf, application/json", "application/x-recordio-protobuf")]
    [InlineData("application/json, application/x-recordio-protobuf", "application/json")]
    [InlineData("application/jsonlines;q=0.5, application/x-recordio-protobuf", "application/jsonlines")]
    [InlineData("*/*", "application/json")]
    public async Task The_first_type_in_Accept_that_linear_learner_writes_wins(string accept, string written)
    {
        await using var harness = await HostingHarness.StartAsync();
        var model = new TestModel(Dim);
        await harness.DeployAsync(model, "negotiated");

        var answer = await RuntimeCall.InvokeAsync(harness.Address, "negotiated", RuntimeCall.Csv(model.Rows(3)), "text/csv", accept);

        Assert.Equal((HttpStatusCode.OK, written), (answer.Status, answer.ContentType));
    }

    [Fact]
    public async Task An_Accept_it_cannot_write_is_a_ModelError_naming_the_types_it_writes()
    {
        await using var harness = await HostingHarness.StartAsync();
        var model = new TestModel(Dim);
        await harness.DeployAsync(model, "unwritable");

        var answer = await RuntimeCall.InvokeAsync(harness.Address, "unwritable", RuntimeCall.Csv(model.Rows(3)), "text/csv", accept: "text/csv");

        Assert.Equal(((HttpStatusCode)424, "ModelError"), (answer.Status, answer.ErrorType));
        Assert.Contains("Received client error (406)", answer.Message, StringComparison.Ordinal);
        Assert.Contains("application/json, application/jsonlines or application/x-recordio-protobuf", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_binary_classifier_answers_probabilities_and_labels()
    {
        await using var harness = await HostingHarness.StartAsync();
        var model = new TestModel(Dim, predictorType: PredictorType.BinaryClassifier);
        await harness.DeployAsync(model, "binary");
        var rows = model.Rows(20);

        var answer = await RuntimeCall.InvokeAsync(harness.Address, "binary", RuntimeCall.Csv(rows), "text/csv");

        var predictions = System.Text.Json.JsonDocument.Parse(answer.Body).RootElement.GetProperty("predictions").EnumerateArray().ToList();
        for (var i = 0; i < rows.Length; i++)
        {
            var probability = model.Score(rows[i]);
            Assert.Equal(probability, predictions[i].GetProperty("score").GetDouble(), 5);
            Assert.Equal(probability >= 0.5 ? 1 : 0, predictions[i].GetProperty("predicted_label").GetInt32());
        }
    }

    [Fact]
    public async Task A_malformed_csv_row_is_a_ModelError_naming_the_row()
    {
        await using var harness = await HostingHarness.StartAsync();
        await harness.DeployAsync(new TestModel(3), "malformed");
        var body = Encoding.UTF8.GetBytes("1,2,3\n4,5,6\n7,x,9\n");
        var narrow = Encoding.UTF8.GetBytes("1,2,3\n4,5\n");

        var bad = await RuntimeCall.InvokeAsync(harness.Address, "malformed", body, "text/csv");
        var short_ = await RuntimeCall.InvokeAsync(harness.Address, "malformed", narrow, "text/csv");

        Assert.Equal((HttpStatusCode)424, bad.Status);
        Assert.Equal("ModelError", bad.ErrorType);
        Assert.StartsWith("Received client error (400) from primary with message \"Row 3, column 2: 'x' is not a number.\"", bad.Message, StringComparison.Ordinal);
        Assert.Contains("logEventViewer:group=/aws/sagemaker/Endpoints/malformed in account 000000000000", bad.Message, StringComparison.Ordinal);
        Assert.Contains("Row 2 has 2 features; the model takes 3 (feature_dim).", short_.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("inf")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e400")]
    public async Task A_csv_value_that_is_not_a_finite_number_is_a_ModelError(string value)
    {
        await using var harness = await HostingHarness.StartAsync();
        await harness.DeployAsync(new TestModel(3), "nonfinite");

        var answer = await RuntimeCall.InvokeAsync(harness.Address, "nonfinite", Encoding.UTF8.GetBytes($"1,2,3\n4,{value},6\n"), "text/csv");

        Assert.Equal((HttpStatusCode)424, answer.Status);
        Assert.Equal("ModelError", answer.ErrorType);
        Assert.Contains($"Row 2, column 2: '{value}' is not a", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413()
    {
        await using var harness = await HostingHarness.StartAsync();
        await harness.DeployAsync(new TestModel(1), "big");
        var body = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("1.5\n", (6_291_456 / 4) + 1)));

        var answer = await RuntimeCall.InvokeAsync(harness.Address, "big", body, "text/csv");
        var atLimit = await RuntimeCall.InvokeAsync(harness.Address, "big", body[..6_291_456], "text/csv");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        Assert.Equal(HttpStatusCode.OK, atLimit.Status);
        Assert.Equal(6_291_456 / 4, RuntimeCall.Predictions(atLimit.Body).Length);
    }

    [Fact]
    public async Task An_unknown_or_failed_endpoint_is_a_ValidationError()
    {
        await using var harness = await HostingHarness.StartAsync();

        var answer = await RuntimeCall.InvokeAsync(harness.Address, "nowhere", "1\n"u8.ToArray(), "text/csv");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("ValidationError", answer.ErrorType);
        Assert.Equal("Endpoint nowhere of account 000000000000 not found.", answer.Message);
    }

    [Fact]
    public async Task Instances_of_a_variant_share_the_requests_in_turn()
    {
        await using var harness = await HostingHarness.StartAsync();
        var model = new TestModel(2);
        await harness.DeployAsync(model, "shared", instances: 2);
        var before = Instances(harness, "shared").Select(i => i.InvocationCount).ToList();

        for (var i = 0; i < 10; i++)
            Assert.Equal(HttpStatusCode.OK, (await RuntimeCall.InvokeAsync(harness.Address, "shared", RuntimeCall.Csv(model.Rows(2)), "text/csv")).Status);

        var counts = Instances(harness, "shared").Select((instance, i) => instance.InvocationCount - before[i]).ToList();
        Assert.Equal([5L, 5L], counts);
    }

    private static byte[] RecordIo(IEnumerable<float[]> rows)
    {
        using var body = new MemoryStream();
        using (var writer = new RecordIoWriter(body, leaveOpen: true))
        {
            foreach (var row in rows)
                writer.WriteDense(row, 0f);
        }

        return body.ToArray();
    }

    private static IReadOnlyList<EndpointInstance> Instances(HostingHarness harness, string name) =>
        harness.Engine.FindServing(name)!.Variants.Single().Instances;

    /// <summary>Each score equals the model's own float prediction exactly, and the scalar definition within float rounding.</summary>
    private static void AssertScores(TestModel model, IReadOnlyList<float[]> rows, float[] scores)
    {
        Assert.Equal(rows.Count, scores.Length);
        var loaded = new LinearLearnerModel(model.Artifact);
        var predicted = new float[1];
        for (var i = 0; i < rows.Count; i++)
        {
            var expected = model.Score(rows[i]);
            Assert.True(Math.Abs(scores[i] - expected) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"Row {i + 1}: {scores[i]} vs {expected}");
            loaded.Predict(rows[i], rows[i].Length, predicted);
            Assert.Equal(predicted[0], scores[i]);
        }
    }
}
