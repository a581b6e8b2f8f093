using System.Text.Json;
using Pipeline.Contracts;

namespace Pipeline.Contracts.Tests.Messages;

/// <summary>R2 is NaN when every label is equal, and a ratio to a zero baseline is infinite; such events must still travel.</summary>
public class When_a_metric_is_not_a_number
{
    // Options without any number handling: what a serializer gets unless the contract says otherwise.
    private static readonly JsonSerializerOptions Plain = new();

    private static EvaluationMetrics Metrics(double r2) => new() { Rows = 3, Mse = 0, Rmse = 0, Mae = 0, R2 = r2, Invocations = 1 };

    [Fact]
    public void EndpointEvaluated_with_an_undefined_R2_survives_serialisation()
    {
        var evaluated = new EndpointEvaluated { ExperimentId = Guid.NewGuid(), Variant = "sharded", EndpointName = "e", Metrics = Metrics(double.NaN) };

        var back = JsonSerializer.Deserialize<EndpointEvaluated>(JsonSerializer.Serialize(evaluated, Plain), Plain)!;

        Assert.True(double.IsNaN(back.Metrics.R2));
    }

    [Fact]
    public void A_report_with_infinite_ratios_survives_serialisation()
    {
        var variant = new VariantReport
        {
            Variant = "sharded", TrainDistribution = DistributionTypes.ShardedByS3Key, InstanceCount = 5, TrainingJobName = "j",
            LogSpanSeconds = 0, TrainingTimeInSeconds = 0, BillableTimeInSeconds = 0, BilledSeconds = 0, Metrics = Metrics(double.NaN),
            SpeedUp = double.PositiveInfinity, MseRatio = double.NaN,
        };

        var back = JsonSerializer.Deserialize<VariantReport>(JsonSerializer.Serialize(variant, Plain), Plain)!;

        Assert.Equal(double.PositiveInfinity, back.SpeedUp);
        Assert.True(double.IsNaN(back.MseRatio!.Value));
        Assert.True(double.IsNaN(back.Metrics.R2));
    }
}
