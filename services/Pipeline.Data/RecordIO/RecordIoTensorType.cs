namespace Pipeline.Data.RecordIO;

/// <summary>The numeric tensor a <c>Value</c> held. Linear learner accepts only <see cref="Float32Tensor"/>.</summary>
public enum RecordIoTensorType
{
    Float32Tensor,
    Float64Tensor,
    Int32Tensor,
}
