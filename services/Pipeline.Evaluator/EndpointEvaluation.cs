using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Aws;
using Pipeline.Contracts;
using Pipeline.Storage;

namespace Pipeline.Evaluator;

/// <summary>
/// Scores a test set against an endpoint: reads the rows, cuts them into CSV batches, invokes the endpoint on up
/// to <see cref="EvaluatorOptions.MaxConcurrency"/> batches at once and folds each answer into the metrics. Only
/// the batches in flight are held in memory. Every (actual, predicted) pair is streamed, in test order, to a CSV
/// object as the answers come in; the object appears only once every row is scored.
/// </summary>
public sealed class EndpointEvaluation(ITestSetReader reader, IEndpointInvoker invoker, IObjectStore store,
    IOptions<EvaluatorOptions> options, ILogger<EndpointEvaluation> logger)
{
    public const string RequestContentType = "text/csv";

    /// <summary>The most (actual, predicted) pairs the metrics carry for the report's chart.</summary>
    public const int SampleSize = 500;

    /// <param name="predictionsObject">The s3:// URI to save every (actual, predicted) pair to (see <see cref="PredictionsLocation"/>).</param>
    /// <returns>
    /// The metrics over every row; Invocations counts the requests answered, one per batch (throttled tries not
    /// included), and Latency times those same requests. RowsPerSecond is over the wall time from the first read to
    /// the last pair written (not the final commit of the predictions object).
    /// </returns>
    /// <exception cref="EvaluationFailedException">The endpoint or its answers make the evaluation impossible.</exception>
    /// <exception cref="InvalidDataException">The test set is malformed (or has a row too large to send).</exception>
    public async Task<EvaluationMetrics> RunAsync(string endpointName, string testObject, string predictionsObject,
        CancellationToken cancellationToken)
    {
        var o = options.Value;
        var started = Stopwatch.GetTimestamp();
        var perBatch = new ConcurrentDictionary<int, RegressionMetrics>();
        var latencies = new LatencyRecorder();
        var sample = new PredictionSample(SampleSize);
        var scoring = TimeSpan.Zero;

        var saved = await store.WriteAsync(predictionsObject, async (stream, writeCancellation) =>
        {
            await using var predictions = new PredictionsWriter(stream, sample);
            var batches = CsvBatcher.For(testObject, o.MaxBatchBytes).BatchAsync(reader.ReadAsync(testObject, writeCancellation), writeCancellation);
            await Parallel.ForEachAsync(batches,
                new ParallelOptions { MaxDegreeOfParallelism = o.MaxConcurrency, CancellationToken = writeCancellation },
                async (batch, ct) =>
                {
                    var scores = await ScoreAsync(endpointName, batch, o, latencies, ct);
                    var metrics = new RegressionMetrics();
                    for (var i = 0; i < scores.Length; i++)
                        metrics.Add(batch.Labels[i], scores[i]);
                    perBatch[batch.Index] = metrics;
                    await predictions.AddAsync(batch.Index, batch.Labels, scores, ct);
                });

            // Thrown inside the write, so no predictions object is left behind.
            if (perBatch.IsEmpty)
                throw new EvaluationFailedException($"The test set '{testObject}' has no rows.");
            await predictions.CompleteAsync(writeCancellation);
            scoring = Stopwatch.GetElapsedTime(started);
        }, cancellationToken);

        // Merged in batch order, so the same answers always give the same numbers whatever order they arrived in.
        var total = new RegressionMetrics();
        for (var i = 0; i < perBatch.Count; i++)
            total.Merge(perBatch[i]);
        var latency = latencies.ToLatency();
        logger.LogInformation(
            "Scored {Rows} rows against {Endpoint} in {Batches} requests in {Seconds:0.###} s (p50 {P50:0.#} ms): MSE {Mse}; predictions in {Predictions}",
            total.Rows, endpointName, perBatch.Count, scoring.TotalSeconds, latency?.P50Ms, total.Mse, saved.Uri);
        return total.ToEvaluationMetrics(perBatch.Count) with
        {
            Latency = latency,
            RowsPerSecond = scoring > TimeSpan.Zero ? total.Rows / scoring.TotalSeconds : null,
            PredictionsObject = saved.Uri,
            Sample = sample.ToList(),
        };
    }

    private async Task<double[]> ScoreAsync(string endpointName, CsvBatch batch, EvaluatorOptions o, LatencyRecorder latencies,
        CancellationToken ct)
    {
        var rows = $"batch {batch.Index} (rows {batch.FirstRow}-{batch.FirstRow + batch.RowCount - 1})";
        using var span = EvaluatorTelemetry.Source.StartActivity("evaluate batch");
        span?.SetTag("pipeline.endpoint", endpointName);
        span?.SetTag("pipeline.batch.index", batch.Index);
        span?.SetTag("pipeline.batch.rows", batch.RowCount);
        EndpointResponse response;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var sent = Stopwatch.GetTimestamp();
                response = await invoker.InvokeEndpointAsync(endpointName, RequestContentType, PredictionsResponse.ContentType, batch.Body, ct);
                latencies.Record(sent, Stopwatch.GetTimestamp());
                break;
            }
            catch (ThrottlingException) when (attempt < o.ThrottleRetries)
            {
                var delay = o.ThrottleRetryDelay * Math.Pow(2, attempt) * (0.5 + Random.Shared.NextDouble() / 2);
                logger.LogWarning("InvokeEndpoint {Endpoint} throttled on {Rows}; retrying in {Delay}", endpointName, rows, delay);
                await Task.Delay(delay, ct);
            }
            catch (ThrottlingException e)
            {
                throw new EvaluationFailedException(
                    $"Endpoint '{endpointName}' kept throttling {rows}: {attempt + 1} tries ({e.ServiceMessage}).", e);
            }
            catch (ValidationException e)
            {
                throw new EvaluationFailedException($"Endpoint '{endpointName}' refused {rows}: {e.ServiceMessage}", e);
            }
        }

        var scores = PredictionsResponse.ReadScores(response);
        if (scores.Length != batch.RowCount)
            throw new EvaluationFailedException(
                $"Endpoint '{endpointName}' returned {scores.Length} predictions for {rows}, which has {batch.RowCount} rows.");
        return scores;
    }
}
