using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Aws;
using Pipeline.Contracts;
using Pipeline.Storage;

namespace Pipeline.Evaluator;

/// <summary>
/// Scores a test set with one batch transform job over the variant's model (the experiment's Evaluation.Method
/// BatchTransform, or Evaluator:Mode batch-transform), on the instances the command names or else the settings: writes
/// the test rows as label-free CSV (the same bytes endpoint mode sends) beside the test object, runs the job with
/// SplitType Line, MultiRecord, AssembleWith Line and application/jsonlines out, waits for it, and folds the
/// <c>.out</c> object's scores, line by line, against the labels into the same metrics as endpoint mode.
/// </summary>
/// <remarks>
/// The model is the variant's (<see cref="ResourceNames"/> gives a variant's model and endpoint the same name): made
/// alone for an experiment that evaluates by batch transform, or the endpoint's, which exists while the endpoint does. The job takes the model's name too: transform jobs are a namespace of their
/// own, and a redelivered command finds the job it started and follows it instead of starting another.
/// </remarks>
public sealed class BatchTransformEvaluation(ITestSetReader reader, IObjectStore store, IBatchTransform transform,
    IOptions<EvaluatorOptions> options, TimeProvider time, ILogger<BatchTransformEvaluation> logger)
{
    public const string ContentType = "text/csv";
    public const string Accept = "application/jsonlines";

    /// <returns>The metrics over every row; Invocations is 0 (no InvokeEndpoint call is made) and no latency is timed.</returns>
    /// <exception cref="EvaluationFailedException">The job failed, was stopped or timed out, or its output does not match the test set.</exception>
    /// <exception cref="InvalidDataException">The test set is malformed.</exception>
    public async Task<EvaluationMetrics> RunAsync(EvaluateEndpoint command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var o = options.Value;
        var clock = Stopwatch.StartNew();
        var names = ResourceNames.For(command.ExperimentId, command.Variant);
        var layout = TransformLayout.For(command.TestObject, names.Model);

        var labels = await UploadAsync(command.TestObject, layout.InputObject, o, cancellationToken);
        var job = new BatchTransformJob(names.Model, names.Model, layout.InputObject, ContentType, "Line", "MultiRecord",
            o.TransformMaxPayloadInMB, o.MaxConcurrency, layout.OutputPath, Accept, "Line",
            command.TransformInstanceType ?? o.TransformInstanceType, command.TransformInstanceCount ?? o.TransformInstanceCount)
        {
            Tags = PipelineTags.For(command.ExperimentId, command.Variant),
        };
        await StartAsync(job, cancellationToken);
        await WaitAsync(job.JobName, o, cancellationToken);

        var metrics = await ScoreAsync(layout.OutputObject, labels, job.JobName, cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        logger.LogInformation("Scored {Rows} rows with transform job {Job} (model {Model}): MSE {Mse}", metrics.Rows, job.JobName, job.ModelName, metrics.Mse);
        return metrics.ToEvaluationMetrics(invocations: 0) with { RowsPerSecond = seconds > 0 ? metrics.Rows / seconds : null };
    }

    /// <summary>Writes the label-free CSV and returns the labels in row order.</summary>
    private async Task<List<float>> UploadAsync(string testObject, string inputObject, EvaluatorOptions o, CancellationToken cancellationToken)
    {
        var labels = new List<float>();
        await store.WriteAsync(inputObject, async (stream, ct) =>
        {
            var first = true;
            await foreach (var batch in CsvBatcher.For(testObject, o.MaxBatchBytes).BatchAsync(reader.ReadAsync(testObject, ct), ct))
            {
                if (!first)
                    stream.WriteByte((byte)'\n');
                first = false;
                await stream.WriteAsync(batch.Body, ct);
                labels.AddRange(batch.Labels);
            }

            if (!first)
                stream.WriteByte((byte)'\n');
        }, cancellationToken);
        if (labels.Count == 0)
            throw new EvaluationFailedException($"The test set '{testObject}' has no rows.");
        return labels;
    }

    private async Task StartAsync(BatchTransformJob job, CancellationToken cancellationToken)
    {
        try
        {
            await transform.StartAsync(job, cancellationToken);
        }
        catch (ResourceInUseException)
        {
            logger.LogInformation("Transform job {Job} exists already (a redelivered command): following it", job.JobName);
        }
        catch (ValidationException e)
        {
            throw new EvaluationFailedException($"Batch transform job '{job.JobName}' on model '{job.ModelName}' was refused: {e.ServiceMessage}", e);
        }
    }

    private async Task WaitAsync(string jobName, EvaluatorOptions o, CancellationToken cancellationToken)
    {
        var deadline = time.GetTimestamp() + (long)(o.TransformTimeout.TotalSeconds * time.TimestampFrequency);
        while (true)
        {
            BatchTransformState? state = null;
            try
            {
                state = await transform.DescribeAsync(jobName, cancellationToken);
            }
            catch (ThrottlingException)
            {
                // Asked again at the next poll.
            }

            switch (state?.Status)
            {
                case BatchTransformState.Completed:
                    return;
                case BatchTransformState.Failed:
                    throw new EvaluationFailedException($"Batch transform job '{jobName}' failed: {state.FailureReason}");
                case BatchTransformState.Stopped:
                    throw new EvaluationFailedException($"Batch transform job '{jobName}' was stopped before it completed.");
            }

            if (time.GetTimestamp() > deadline)
            {
                await transform.StopAsync(jobName, cancellationToken);
                throw new EvaluationFailedException(
                    $"Batch transform job '{jobName}' did not complete within {o.TransformTimeout} (Evaluator:TransformTimeout); it was stopped.");
            }

            await Task.Delay(o.TransformPollInterval, time, cancellationToken);
        }
    }

    /// <summary>Reads one <c>{"score":x}</c> per line, in row order, and folds each against its label.</summary>
    private async Task<RegressionMetrics> ScoreAsync(string outputObject, List<float> labels, string jobName, CancellationToken cancellationToken)
    {
        var metrics = new RegressionMetrics();
        await using var stream = await store.OpenReadAsync(outputObject, cancellationToken);
        using var lines = new StreamReader(stream, Encoding.UTF8);
        var row = 0;
        while (await lines.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
                continue;
            if (row == labels.Count)
                throw new EvaluationFailedException($"Batch transform job '{jobName}' wrote more scores than the test set's {labels.Count} rows to {outputObject}.");
            metrics.Add(labels[row], Score(line, row, outputObject));
            row++;
        }

        if (row != labels.Count)
            throw new EvaluationFailedException($"Batch transform job '{jobName}' wrote {row} scores to {outputObject} for {labels.Count} test rows.");
        return metrics;
    }

    private static double Score(string line, int row, string outputObject)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("score", out var score) && score.ValueKind == JsonValueKind.Number)
                return score.GetDouble();
        }
        catch (JsonException)
        {
            // Reported below with the line.
        }

        var shown = line.Length > 200 ? line[..200] + "..." : line;
        throw new EvaluationFailedException($"Line {row + 1} of {outputObject} is not {{\"score\": number}}: {shown}");
    }
}

/// <summary>
/// Where a batch-transform evaluation keeps its objects, beside the test object:
/// <c>&lt;test folder&gt;/batch-transform/&lt;job&gt;/input/&lt;test name&gt;.csv</c> and its output
/// <c>.../output/&lt;test name&gt;.csv.out</c>.
/// </summary>
public sealed record TransformLayout(string InputObject, string OutputPath, string OutputObject)
{
    public static TransformLayout For(string testObject, string jobName)
    {
        ArgumentNullException.ThrowIfNull(testObject);
        var slash = testObject.LastIndexOf('/');
        var folder = testObject[..(slash + 1)];
        var file = testObject[(slash + 1)..];
        var dot = file.LastIndexOf('.');
        var csvName = (dot > 0 ? file[..dot] : file) + ".csv";
        var root = $"{folder}batch-transform/{jobName}/";
        return new TransformLayout($"{root}input/{csvName}", $"{root}output/", $"{root}output/{csvName}.out");
    }
}
