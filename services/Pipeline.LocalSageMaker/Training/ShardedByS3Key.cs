namespace Pipeline.LocalSageMaker.Training;

/// <summary>
/// LocalSageMaker's ShardedByS3Key assignment (SageMaker does not document its own): a channel's objects are put in
/// S3 key order (the UTF-8 byte order S3 lists in), and the i-th of them (from 0) goes to host algo-(i mod N + 1).
/// Each host gets ceil or floor of objects/N; with fewer objects than hosts, the last hosts get none and still run.
/// </summary>
public static class ShardedByS3Key
{
    /// <summary>The index (0 for algo-1) of the host that gets the object at <paramref name="objectIndex"/> in key order.</summary>
    public static int HostIndex(int objectIndex, int hostCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(objectIndex);
        ArgumentOutOfRangeException.ThrowIfLessThan(hostCount, 1);
        return objectIndex % hostCount;
    }
}
