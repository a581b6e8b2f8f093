using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Pipeline.LocalSageMaker.Tests.Conformance;

/// <summary>
/// What the SageMaker Python SDK (Estimator.attach, the default predictor's listings) and the AWS CLI ask of the
/// service beyond the notebook, run by boto3 (Conformance/sdk_everyday_paths.py) on the notebook's trained jobs.
/// </summary>
[Collection(NotebookTrainingRun.Collection)]
public sealed class When_boto3_takes_the_sdks_everyday_paths(NotebookTrainingRun run)
{
    private readonly JsonElement _paths = run.Paths;

    private static List<string?> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString())];

    private static void AssertError(JsonElement error, string code) => Assert.Equal(code, error.GetProperty("code").GetString());

    private string Job(string variant) => run.Seen.GetProperty(variant).GetProperty("name").GetString()!;

    private float[] Rows => [.. NotebookTrainingRun.TestRows().Take(NotebookTrainingRun.PathRows).SelectMany(r => r[1..])];

    private async Task<float[]> ScoresOfAsync(string variant)
    {
        var model = await run.ModelOfAsync(Job(variant));
        var scores = new float[NotebookTrainingRun.PathRows];
        model.Predict(Rows, NotebookTrainingRun.FeatureDim, scores);
        return scores;
    }

    private static void AssertScores(float[] expected, IEnumerable<double> seen) =>
        Assert.Equal(expected, seen.Select(s => (float)s), (a, b) => Math.Abs(a - b) <= 1e-5f * Math.Max(1, Math.Abs(a)));

    [Fact]
    public void Estimator_attach_finds_every_member_it_reads_and_the_jobs_tags()
    {
        var attach = _paths.GetProperty("attach");

        Assert.Equal("", attach.GetProperty("kms_key_id").GetString());
        Assert.Equal("File", attach.GetProperty("input_mode").GetString());
        Assert.False(attach.GetProperty("inter_container_encryption").GetBoolean());
        Assert.False(attach.GetProperty("network_isolation").GetBoolean());
        var metrics = Strings(attach.GetProperty("metric_names"));
        Assert.Contains("train:objective_loss", metrics);
        Assert.Contains("validation:objective_loss", metrics);
        Assert.Empty(attach.GetProperty("tags").EnumerateArray());
    }

    [Fact]
    public void Each_final_metric_is_the_last_value_its_definition_matches_in_the_jobs_logs()
    {
        var finals = _paths.GetProperty("final_metrics").EnumerateArray().ToList();

        Assert.Contains(finals, f => f.GetProperty("name").GetString() == "train:objective_loss");
        Assert.Contains(finals, f => f.GetProperty("name").GetString() == "train:progress" && f.GetProperty("value").GetDouble() == 100);
        Assert.All(finals, f =>
        {
            Assert.True(f.GetProperty("matches").GetInt32() > 0);
            Assert.True(f.GetProperty("value_is_a_last_match").GetBoolean(), $"{f.GetProperty("name")}: {f.GetProperty("value")} is not the last logged value");
            Assert.True(f.GetProperty("timestamp_is_the_last_match").GetBoolean(), $"{f.GetProperty("name")}: timestamp is not the last match's");
        });
    }

    [Fact]
    public void Tags_are_added_listed_limited_to_50_and_deleted()
    {
        var tags = _paths.GetProperty("tags");

        Assert.Equal(50, tags.GetProperty("listed").GetInt32());
        Assert.True(tags.GetProperty("keys_in_order").GetBoolean());
        AssertError(tags.GetProperty("one_too_many"), "ValidationException");
        AssertError(tags.GetProperty("reserved"), "ValidationException");
        AssertError(tags.GetProperty("unknown_resource"), "ValidationException");
        var left = Assert.Single(tags.GetProperty("after_delete").EnumerateArray());
        Assert.Equal(("key-00", "replaced"), (left.GetProperty("Key").GetString(), left.GetProperty("Value").GetString()));
    }

    [Fact]
    public async Task Transform_jobs_list_newest_first_a_page_at_a_time_keep_their_tags_and_score_as_the_models_do()
    {
        var transform = _paths.GetProperty("transform");

        var newestFirst = Strings(transform.GetProperty("names_newest_first"));
        Assert.Equal(newestFirst, transform.GetProperty("pages").EnumerateArray().Select(p => Assert.Single(Strings(p))));
        Assert.Equal(["Completed", "Completed"], Strings(transform.GetProperty("statuses")));
        Assert.Equal([$"paths-{Job("sharded")}"[..Math.Min(63, 6 + Job("sharded").Length)]], Strings(transform.GetProperty("completed_named_sharded")));
        var tag = Assert.Single(transform.GetProperty("tags").EnumerateArray());
        Assert.Equal(("experiment", "paths"), (tag.GetProperty("Key").GetString(), tag.GetProperty("Value").GetString()));

        var outputs = Strings(transform.GetProperty("outputs"));
        string[] variants = ["sharded", "replicated"];
        for (var i = 0; i < variants.Length; i++)
        {
            var lines = Encoding.UTF8.GetString(await run.Local.GetAsync($"{outputs[i]}/rows.csv.out")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            AssertScores(await ScoresOfAsync(variants[i]), lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("score").GetDouble()));
        }
    }

    [Fact]
    public void Log_groups_list_by_name_a_page_at_a_time_with_their_arns()
    {
        var names = _paths.GetProperty("log_groups").EnumerateArray().Select(p => Assert.Single(Strings(p))).ToList();

        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Contains("/aws/sagemaker/TrainingJobs", names);
        Assert.Contains("/aws/sagemaker/TransformJobs", names);
        Assert.Contains(names, n => n!.StartsWith("/aws/sagemaker/Endpoints/", StringComparison.Ordinal));
        var arn = Assert.Single(Strings(_paths.GetProperty("log_group_arns")));
        Assert.Matches("^arn:aws:logs:us-east-1:[0-9]{12}:log-group:/aws/sagemaker/TrainingJobs:\\*$", arn);
    }

    [Fact]
    public async Task UpdateEndpoint_moves_the_traffic_from_one_model_to_the_other()
    {
        var update = _paths.GetProperty("update");

        Assert.EndsWith(":endpoint/paths-blue-green", update.GetProperty("arn").GetString());
        Assert.Equal(("Updating", "paths-green"), (update.GetProperty("status_right_after").GetString(), update.GetProperty("pending_config").GetString()));
        Assert.Equal(("InService", "paths-green"), (update.GetProperty("status_after").GetString(), update.GetProperty("config_after").GetString()));
        var sharded = await ScoresOfAsync("sharded");
        var replicated = await ScoresOfAsync("replicated");
        Assert.NotEqual(sharded, replicated);
        AssertScores(sharded, update.GetProperty("scores_before").EnumerateArray().Select(s => s.GetDouble()));
        AssertScores(replicated, update.GetProperty("scores_after").EnumerateArray().Select(s => s.GetDouble()));
        AssertError(update.GetProperty("tags_after_delete"), "ValidationException");
    }
}
