using System.Text.Json;
using Pipeline.Aws.Logs;
using Pipeline.LocalSageMaker.Tests.Hosting;
using Pipeline.LocalSageMaker.Transform;

namespace Pipeline.LocalSageMaker.Tests.Transform;

public sealed class When_a_transform_job_runs
{
    private const double Tolerance = 1e-5;

    [Fact]
    public async Task Completes_with_its_start_and_end_times()
    {
        await using var harness = await TransformHarness.StartAsync();
        await harness.PutAsync("s3://bucket/in/part-1.csv", TransformHarness.Csv(harness.Model.Rows(20)));

        await harness.Jobs.CreateTransformJobAsync(TransformHarness.Request("lifecycle", "s3://bucket/in/", "s3://bucket/out/"), default);
        var ended = await harness.EndOfAsync("lifecycle");

        Assert.Equal("Completed", ended.TransformJobStatus);
        Assert.Null(ended.FailureReason);
        Assert.NotNull(ended.TransformStartTime);
        Assert.NotNull(ended.TransformEndTime);
        Assert.True(ended.CreationTime <= ended.TransformStartTime && ended.TransformStartTime <= ended.TransformEndTime);
        Assert.Equal("known-weights", ended.ModelName);
        Assert.EndsWith(":transform-job/lifecycle", ended.TransformJobArn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_one_score_per_record_in_input_order_for_every_object_over_several_instances()
    {
        await using var harness = await TransformHarness.StartAsync();
        // Objects of different sizes, so the instances' shares differ and each object's order can be checked.
        var objects = new Dictionary<string, float[][]>();
        var counts = new[] { 37, 1, 250, 8, 120 };
        for (var i = 0; i < counts.Length; i++)
        {
            var rows = harness.Model.Rows(counts[i], seed: 100 + i);
            objects[$"part-{i}.csv"] = rows;
            await harness.PutAsync($"s3://bucket/data/in/part-{i}.csv", TransformHarness.Csv(rows));
        }

        await harness.Jobs.CreateTransformJobAsync(
            TransformHarness.Request("several", "s3://bucket/data/in/", "s3://bucket/data/out", instances: 3) with { MaxConcurrentTransforms = 2 }, default);
        Assert.Equal("Completed", (await harness.EndOfAsync("several")).TransformJobStatus);

        foreach (var (name, rows) in objects)
        {
            var scores = TransformHarness.JsonLinesScores(await harness.GetTextAsync($"s3://bucket/data/out/{name}.out"));
            Assert.Equal(rows.Length, scores.Length);
            for (var r = 0; r < rows.Length; r++)
            {
                var expected = harness.Model.Score(rows[r]);
                Assert.True(Math.Abs(scores[r] - expected) <= Tolerance * Math.Max(1, Math.Abs(expected)), $"{name} record {r + 1}: {scores[r]} vs {expected}");
            }
        }

        var streams = (await harness.Local.Logs.DescribeLogStreamsAsync(
            new DescribeLogStreamsRequest { LogGroupName = TransformJobRunner.LogGroup, LogStreamNamePrefix = "several/" }, default)).LogStreams!;
        Assert.Equal(3, streams.Count);
        Assert.All(streams, s => Assert.Matches("^several/i-[0-9a-f]{17}$", s.LogStreamName!));
    }

    [Fact]
    public async Task Reads_the_objects_a_manifest_lists_and_names_outputs_by_their_relative_keys()
    {
        await using var harness = await TransformHarness.StartAsync();
        var first = harness.Model.Rows(5, seed: 1);
        var second = harness.Model.Rows(6, seed: 2);
        await harness.PutAsync("s3://bucket/m/a/x.csv", TransformHarness.Csv(first));
        await harness.PutAsync("s3://bucket/m/b/y.csv", TransformHarness.Csv(second));
        await harness.PutAsync("s3://bucket/manifest.json", """[{"prefix": "s3://bucket/m/"}, "a/x.csv", "b/y.csv"]""");

        await harness.Jobs.CreateTransformJobAsync(
            TransformHarness.Request("manifest", "s3://bucket/manifest.json", "s3://bucket/mout/", dataType: "ManifestFile"), default);
        Assert.Equal("Completed", (await harness.EndOfAsync("manifest")).TransformJobStatus);

        Assert.Equal(first.Length, TransformHarness.JsonLinesScores(await harness.GetTextAsync("s3://bucket/mout/a/x.csv.out")).Length);
        Assert.Equal(second.Length, TransformHarness.JsonLinesScores(await harness.GetTextAsync("s3://bucket/mout/b/y.csv.out")).Length);
    }

    [Fact]
    public async Task Packs_records_into_requests_under_MaxPayloadInMB_with_one_json_answer_per_request()
    {
        await using var harness = await TransformHarness.StartAsync(featureDim: 40);
        var rows = harness.Model.Rows(9000, seed: 5);
        var csv = TransformHarness.Csv(rows);
        Assert.True(csv.Length > 2 << 20, "The object must need more than two 1 MB requests.");
        await harness.PutAsync("s3://bucket/big/in.csv", csv);

        await harness.Jobs.CreateTransformJobAsync(TransformHarness.Request("packed", "s3://bucket/big/in.csv", "s3://bucket/big/out/",
            accept: "application/json", maxPayloadInMB: 1), default);
        Assert.Equal("Completed", (await harness.EndOfAsync("packed")).TransformJobStatus);

        // The packing expected, worked out here: greedily, each request as many whole lines as fit in 1 MiB.
        var expected = new List<int>();
        long bytes = 0;
        foreach (var line in csv.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var size = line.Length + 1;
            if (expected.Count == 0 || bytes + size > 1 << 20)
            {
                expected.Add(0);
                bytes = 0;
            }

            expected[^1]++;
            bytes += size;
        }

        var answers = (await harness.GetTextAsync("s3://bucket/big/out/in.csv.out")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected, answers.Select(a => JsonDocument.Parse(a).RootElement.GetProperty("predictions").GetArrayLength()));
        var scores = answers.SelectMany(a => JsonDocument.Parse(a).RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("score").GetDouble())).ToList();
        for (var r = 0; r < rows.Length; r += 997)
            Assert.True(Math.Abs(scores[r] - harness.Model.Score(rows[r])) <= Tolerance * Math.Max(1, Math.Abs(harness.Model.Score(rows[r]))));
    }

    [Fact]
    public async Task Sends_each_record_alone_with_SingleRecord()
    {
        await using var harness = await TransformHarness.StartAsync();
        var rows = harness.Model.Rows(7);
        await harness.PutAsync("s3://bucket/single/in.csv", TransformHarness.Csv(rows));

        await harness.Jobs.CreateTransformJobAsync(TransformHarness.Request("single", "s3://bucket/single/", "s3://bucket/single-out/",
            batchStrategy: "SingleRecord", accept: "application/json"), default);
        Assert.Equal("Completed", (await harness.EndOfAsync("single")).TransformJobStatus);

        var answers = (await harness.GetTextAsync("s3://bucket/single-out/in.csv.out")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(rows.Length, answers.Length);
        Assert.All(answers, a => Assert.Equal(1, JsonDocument.Parse(a).RootElement.GetProperty("predictions").GetArrayLength()));
    }

    [Theory]
    [InlineData("SingleRecord")]
    [InlineData("MultiRecord")]
    public async Task Writes_recordio_answers_back_to_back_with_AssembleWith_None_one_record_per_input_line_in_order(string batchStrategy)
    {
        await using var harness = await TransformHarness.StartAsync();
        var rows = harness.Model.Rows(40, seed: 9);
        await harness.PutAsync("s3://bucket/rio/in.csv", TransformHarness.Csv(rows));
        var jsonLines = TransformHarness.Request("rio-json", "s3://bucket/rio/", "s3://bucket/rio-json/", batchStrategy: batchStrategy);
        var recordio = TransformHarness.Request("rio", "s3://bucket/rio/", "s3://bucket/rio-out/", batchStrategy: batchStrategy);
        recordio = recordio with { TransformOutput = recordio.TransformOutput! with { Accept = "application/x-recordio-protobuf", AssembleWith = "None" } };

        await harness.Jobs.CreateTransformJobAsync(jsonLines, default);
        await harness.Jobs.CreateTransformJobAsync(recordio, default);
        Assert.Equal("Completed", (await harness.EndOfAsync("rio-json")).TransformJobStatus);
        Assert.Equal("Completed", (await harness.EndOfAsync("rio")).TransformJobStatus);

        var records = RuntimeCall.RecordIoPredictions(await harness.Local.GetAsync("s3://bucket/rio-out/in.csv.out"));
        var expected = (await harness.GetTextAsync("s3://bucket/rio-json/in.csv.out")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("score").GetSingle());
        Assert.Equal(expected, records.Select(r => Assert.Single(r.Score)));
    }
}
