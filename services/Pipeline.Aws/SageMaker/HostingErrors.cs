using Pipeline.Aws;

namespace Pipeline.Aws.SageMaker;

/// <summary>
/// What SageMaker's hosting errors mean for an idempotent deployer. SageMaker answers a create of an existing
/// model, endpoint config or endpoint with ValidationException "Cannot create already existing ..." (not
/// ResourceInUse), and a describe or delete of a missing one with ValidationException "Could not find ...".
/// </summary>
public static class HostingErrors
{
    /// <summary>The create was refused because the resource exists: a redelivered command already made it.</summary>
    public static bool IsAlreadyExists(Exception exception) => exception switch
    {
        ResourceInUseException => true,
        ValidationException v => v.ServiceMessage.Contains("already exist", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    /// <summary>The resource is not there (never created, or deleted already).</summary>
    public static bool IsNotFound(Exception exception) => exception switch
    {
        ResourceNotFoundException => true,
        ValidationException v => v.ServiceMessage.Contains("Could not find", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
