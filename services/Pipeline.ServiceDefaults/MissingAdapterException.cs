namespace Pipeline.ServiceDefaults;

/// <summary>A host was started with a port that nothing implements: a wiring mistake, found before any message is received.</summary>
public sealed class MissingAdapterException(string message) : InvalidOperationException(message);
