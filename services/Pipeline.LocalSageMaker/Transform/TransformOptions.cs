using System.ComponentModel.DataAnnotations;

namespace Pipeline.LocalSageMaker.Transform;

/// <summary>Batch transform's own settings, section "LocalSageMaker:Transform" (Region, AccountId, WorkRoot are LocalSageMakerOptions').</summary>
public sealed class TransformOptions
{
    public const string Section = "LocalSageMaker:Transform";

    /// <summary>
    /// Time a job's instances take to start before they read any input: zero by default (SageMaker takes minutes;
    /// nothing here needs to), longer to watch InProgress or stop a job before it has done anything.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "LocalSageMaker:Transform:InstanceStartDelay must be between 0 and 1 hour.")]
    public TimeSpan InstanceStartDelay { get; set; } = TimeSpan.Zero;
}
