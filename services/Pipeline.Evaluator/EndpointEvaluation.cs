using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Aws;
using Pipeline.Contracts;

namespace Pipeline.Evaluator;

/// <summary>
/// Scores a test set against an endpoint: reads the rows, cuts them into CSV batches, invokes the endpoint on up
/// to <see cref="EvaluatorOptions.MaxConcurrency"/> batches at once and folds each answer into the metrics. Only
/// the batches in flight are held in memory.
/// </summary>
public sealed class EndpointEvaluation(ITestSetReader reader, IEndpointInvoker invoker, IOptions<EvaluatorOptions> options,
    ILogger<EndpointEvaluation> logger)
{
    public const string RequestContentType = "text/csv";

    /// <returns>The metrics over every row; Invocations counts the requests answered, one per batch (throttled tries not included).</returns>
    /// <exception cref="EvaluationFailedException">The endpoint or its answers make the evaluation impossible.</exception>
    /// <exception cref="InvalidDataException">The test set is malformed (or has a row too large to send).</exception>
    public async Task<EvaluationMetrics> RunAsync(string endpointName, string testObject, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var batches = new CsvBatcher(o.MaxBatchBytes).BatchAsync(reader.ReadAsync(testObject, cancellationToken), cancellationToken);
        var perBatch = new ConcurrentDictionary<int, RegressionMetrics>();

        await Parallel.ForEachAsync(batches,
            new ParallelOptions { MaxDegreeOfParallelism = o.MaxConcurrency, CancellationToken = cancellationToken },
            async (batch, ct) =>
            {
                var scores = await ScoreAsync(endpointName, batch, o, ct);
                var metrics = new RegressionMetrics();
                for (var i = 0; i < scores.Length; i++)
                    metrics.Add(batch.Labels[i], scores[i]);
                perBatch[batch.Index] = metrics;
            });

        if (perBatch.IsEmpty)
            throw new EvaluationFailedException($"The test set '{testObject}' has no rows.");

        // Merged in batch order, so the same answers always give the same numbers whatever order they arrived in.
        var total = new RegressionMetrics();
        for (var i = 0; i < perBatch.Count; i++)
            total.Merge(perBatch[i]);
        logger.LogInformation("Scored {Rows} rows against {Endpoint} in {Batches} requests: MSE {Mse}",
            total.Rows, endpointName, perBatch.Count, total.Mse);
        return total.ToEvaluationMetrics(perBatch.Count);
    }

    private async Task<double[]> ScoreAsync(string endpointName, CsvBatch batch, EvaluatorOptions o, CancellationToken ct)
    {
        var rows = $"batch {batch.Index} (rows {batch.FirstRow}-{batch.FirstRow + batch.RowCount - 1})";
        EndpointResponse response;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                response = await invoker.InvokeEndpointAsync(endpointName, RequestContentType, PredictionsResponse.ContentType, batch.Body, ct);
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
