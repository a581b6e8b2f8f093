using MassTransit;

namespace Pipeline.Saga.DynamoDb;

/// <summary>
/// Another message changed (or created) the saga between our read and our write. A MassTransit
/// <see cref="ConcurrencyException"/>, so <c>UseMessageRetry(r => r.Handle&lt;ConcurrencyException&gt;())</c> retries it
/// and the retry reads the newer item.
/// </summary>
public sealed class SagaVersionConflictException : ConcurrencyException
{
    public SagaVersionConflictException()
    {
    }

    public SagaVersionConflictException(string message, Type sagaType, Guid correlationId)
        : base(message, sagaType, correlationId)
    {
    }

    public SagaVersionConflictException(string message, Type sagaType, Guid correlationId, Exception innerException)
        : base(message, sagaType, correlationId, innerException)
    {
    }
}
