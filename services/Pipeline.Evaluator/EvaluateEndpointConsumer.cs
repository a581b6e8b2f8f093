using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Contracts;

namespace Pipeline.Evaluator;

/// <summary>
/// Runs an <see cref="EndpointEvaluation"/> and publishes its metrics, or why it could not be done when no retry
/// would help. Other errors (network, 5xx) propagate to the retry policy.
/// </summary>
public sealed class EvaluateEndpointConsumer(EndpointEvaluation evaluation, Lazy<BatchTransformEvaluation> batchTransform,
    IOptions<EvaluatorOptions> options, ILogger<EvaluateEndpointConsumer> logger)
    : IConsumer<EvaluateEndpoint>
{
    public async Task Consume(ConsumeContext<EvaluateEndpoint> context)
    {
        var m = context.Message;
        EvaluationMetrics metrics;
        try
        {
            metrics = ByBatchTransform(m)
                ? await batchTransform.Value.RunAsync(m, context.CancellationToken)
                : await evaluation.RunAsync(m.EndpointName, m.TestObject,
                    PredictionsLocation.For(m.TestObject, m.ExperimentId, m.Variant), context.CancellationToken);
        }
        catch (Exception e) when (IsFinal(e))
        {
            logger.LogWarning("Evaluation of {Endpoint} failed: {Reason}", m.EndpointName, e.Message);
            await context.Publish(new EndpointEvaluationFailed
            {
                ExperimentId = m.ExperimentId,
                Variant = m.Variant,
                EndpointName = m.EndpointName,
                Reason = e.Message,
            }, context.CancellationToken);
            return;
        }

        // One place for both modes.
        var endpoint = new KeyValuePair<string, object?>("pipeline.endpoint", m.EndpointName);
        EvaluatorTelemetry.Mse.Record(metrics.Mse, endpoint);
        EvaluatorTelemetry.Rows.Add(metrics.Rows, endpoint);
        await context.Publish(new EndpointEvaluated
        {
            ExperimentId = m.ExperimentId,
            Variant = m.Variant,
            EndpointName = m.EndpointName,
            Metrics = metrics,
        }, context.CancellationToken);
    }

    /// <summary>
    /// The experiment's choice (its spec's Evaluation.Method) or this Evaluator's (Evaluator:Mode): a model-only
    /// deployment has no endpoint, and an endpoint's model can always be scored by a transform job.
    /// </summary>
    private bool ByBatchTransform(EvaluateEndpoint m) =>
        m.Method == EvaluationMethods.BatchTransform || options.Value.Mode == EvaluatorModes.BatchTransform;

    /// <summary>Problems with the test set or the endpoint's answers: the same message would fail the same way.</summary>
    public static Type[] FinalErrors { get; } =
        [typeof(EvaluationFailedException), typeof(InvalidDataException), typeof(FileNotFoundException), typeof(DirectoryNotFoundException)];

    private static bool IsFinal(Exception exception) => FinalErrors.Any(t => t.IsInstanceOfType(exception));
}
