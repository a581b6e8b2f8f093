using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Pipeline.Storage;

namespace Pipeline.LocalSageMaker.Tests.Hosting;

/// <summary>
/// An XGBoost model trained here by Debian's python3-xgboost 1.7 (for /usr/bin/python3) on generated data with
/// missing values, saved as training saves it (<c>xgboost-model</c>, JSON), with rows to score (CSV, an empty field
/// missing; one row sits exactly on the first tree's root split) and what <c>Booster.predict</c> answers for them;
/// for gbtree also <see cref="CompleteRows"/>, rows without missing values.
/// </summary>
public sealed class XGBoostTestModel
{
    private const string Script = """
        import json, sys
        import numpy as np
        import xgboost as xgb

        folder, objective, booster_name = sys.argv[1], sys.argv[2], sys.argv[3]
        r = np.random.RandomState(3)
        X = np.round(r.uniform(-2, 2, size=(400, 4)), 4)
        X[r.rand(400, 4) < 0.1] = np.nan
        signal = 1.5 * np.nan_to_num(X[:, 0]) - np.nan_to_num(X[:, 1]) ** 2 + np.where(np.isnan(X[:, 2]), 1.0, X[:, 2])
        params = {"objective": objective, "max_depth": 4, "eta": 0.3, "seed": 1, "booster": booster_name}
        if objective.startswith("binary:") or objective == "reg:logistic":
            y = (signal + r.normal(0, 0.5, 400) > 0).astype(float)
        elif objective in ("count:poisson", "reg:tweedie"):
            y = r.poisson(np.exp(signal / 3)).astype(float)
        elif objective in ("reg:gamma", "reg:squaredlogerror"):
            y = r.poisson(np.exp(signal / 3)).astype(float) + 0.5
        elif objective.startswith("multi:"):
            y = (signal > 0).astype(float) + (signal > 1)
            params["num_class"] = 3
        else:
            y = signal + r.normal(0, 0.1, 400)
        booster = xgb.train(params, xgb.DMatrix(X, label=y), num_boost_round=25)
        raw = booster.save_raw(raw_format="json")
        with open(folder + "/xgboost-model", "wb") as f:
            f.write(raw)

        rows = np.round(r.uniform(-2.5, 2.5, size=(60, 4)), 4)
        rows[r.rand(60, 4) < 0.15] = np.nan
        rows[1, :] = np.nan
        model = json.loads(raw)["learner"]["gradient_booster"]
        if booster_name == "gbtree":
            root = model["model"]["trees"][0]
            rows[0, root["split_indices"][0]] = np.float32(root["split_conditions"][0])
        text = [",".join("" if np.isnan(v) else repr(float(v)) for v in row) for row in rows]
        parsed = np.array([[np.nan if s == "" else float(s) for s in line.split(",")] for line in text], dtype=np.float32)
        predictions = booster.predict(xgb.DMatrix(parsed)).reshape(len(text), -1)[:, 0]

        # Rows without missing values, each with one feature exactly on a split of some tree: 131 of them, two blocks
        # of 64 rows and three more for the evaluator.
        complete_text, complete_predictions = [], []
        if booster_name == "gbtree":
            trees = model["model"]["trees"]
            complete = np.round(r.uniform(-2.5, 2.5, size=(131, 4)), 4)
            for k in range(len(complete)):
                tree = trees[k % len(trees)]
                splits = [i for i, left in enumerate(tree["left_children"]) if left >= 0]
                if splits:
                    node = splits[k % len(splits)]
                    complete[k, tree["split_indices"][node]] = np.float32(tree["split_conditions"][node])
            complete_text = [",".join(repr(float(v)) for v in row) for row in complete]
            parsed = np.array([[float(s) for s in line.split(",")] for line in complete_text], dtype=np.float32)
            complete_predictions = [float(p) for p in booster.predict(xgb.DMatrix(parsed)).reshape(len(complete_text), -1)[:, 0]]
        print(json.dumps({"rows": text, "predictions": [float(p) for p in predictions],
                          "completeRows": complete_text, "completePredictions": complete_predictions}))
        """;

    private XGBoostTestModel(byte[] model, string[] rows, double[] predictions, XGBoostTestModel? completeRows = null)
    {
        Model = model;
        Rows = rows;
        Predictions = predictions;
        CompleteRows = completeRows;
    }

    /// <summary>The <c>xgboost-model</c> file.</summary>
    public byte[] Model { get; }

    /// <summary>Rows of features as CSV lines (no label); an empty field is a missing value.</summary>
    public string[] Rows { get; }

    /// <summary>Booster.predict for <see cref="Rows"/>.</summary>
    public double[] Predictions { get; }

    /// <summary>
    /// The same model with 131 rows that have no missing value, each with a feature exactly on some tree's split
    /// condition, and their Booster.predict; null for dart and gblinear.
    /// </summary>
    public XGBoostTestModel? CompleteRows { get; }

    public string Csv => string.Join("\n", Rows) + "\n";

    /// <summary>The rows as text/libsvm lines (a label first, missing features left out).</summary>
    public string LibSvm => string.Concat(Rows.Select(row =>
        "0" + string.Concat(row.Split(',').Select((value, index) => value.Length == 0 ? "" : $" {index}:{value}")) + "\n"));

    public static async Task<XGBoostTestModel> TrainAsync(string objective, string booster = "gbtree")
    {
        var folder = Directory.CreateTempSubdirectory("pipeline-xgboost-hosting-");
        try
        {
            var start = new ProcessStartInfo("/usr/bin/python3", ["-c", Script, folder.FullName, objective, booster])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"Debian's xgboost could not train the model (apt-get install -y python3-xgboost): {errors}");
            // XGBoost writes its warnings to standard output; the answer is the last line.
            var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            using var answer = JsonDocument.Parse(lines[^1]);
            var root = answer.RootElement;
            var model = await File.ReadAllBytesAsync(Path.Combine(folder.FullName, "xgboost-model"));
            var completeRows = root.GetProperty("completeRows").GetArrayLength() == 0 ? null : new XGBoostTestModel(model,
                [.. root.GetProperty("completeRows").EnumerateArray().Select(r => r.GetString()!)],
                [.. root.GetProperty("completePredictions").EnumerateArray().Select(p => p.GetDouble())]);
            return new XGBoostTestModel(model,
                [.. root.GetProperty("rows").EnumerateArray().Select(r => r.GetString()!)],
                [.. root.GetProperty("predictions").EnumerateArray().Select(p => p.GetDouble())],
                completeRows);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Writes model.tar.gz holding <c>xgboost-model</c> at its root, as XGBoost training packs it, to <paramref name="uri"/>.</summary>
    public async Task UploadAsync(IObjectStore store, string uri)
    {
        await store.WriteAsync(uri, async (stream, ct) =>
        {
            await using var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true);
            await using var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true);
            var entry = new PaxTarEntry(TarEntryType.RegularFile, "xgboost-model") { DataStream = new MemoryStream(Model) };
            await tar.WriteEntryAsync(entry, ct);
        }, CancellationToken.None);
    }

    /// <summary>Asserts <paramref name="scores"/> are <see cref="Predictions"/> within 1e-6 relative.</summary>
    public void AssertScores(IReadOnlyList<double> scores)
    {
        Assert.Equal(Predictions.Length, scores.Count);
        var worst = new StringBuilder();
        for (var i = 0; i < scores.Count; i++)
        {
            var expected = Predictions[i];
            if (Math.Abs(scores[i] - expected) > 1e-6 * Math.Max(Math.Abs(expected), 1e-30))
                worst.Append(System.Globalization.CultureInfo.InvariantCulture, $"row {i + 1} ({Rows[i]}): {scores[i]} vs Booster.predict {expected}; ");
        }

        Assert.True(worst.Length == 0, worst.ToString());
    }
}
