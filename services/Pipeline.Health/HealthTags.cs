namespace Pipeline.Health;

/// <summary>
/// Tags that sort the health checks. Readiness counts every check; liveness only those tagged <see cref="Live"/>
/// (besides the report being fresh), so a lost broker makes a service unready without getting it restarted.
/// </summary>
public static class HealthTags
{
    public const string Live = "live";

    public const string Ready = "ready";
}
