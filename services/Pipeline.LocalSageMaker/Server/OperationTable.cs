using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Aws;

namespace Pipeline.LocalSageMaker.Server;

/// <summary>The operations of one JSON 1.1 service, found by the name after the target prefix in X-Amz-Target.</summary>
public interface IOperationTable
{
    /// <summary>What precedes the dot in X-Amz-Target: <c>SageMaker</c>, <c>Logs_20140328</c>.</summary>
    string TargetPrefix { get; }

    /// <summary>The operation names served, for the start-up banner and the error that names what is served.</summary>
    IReadOnlyCollection<string> Operations { get; }

    /// <summary>Runs an operation: the request body in, the response body out. Null when the service has no such operation.</summary>
    OperationInvoker? Find(string operation);

    /// <summary>The <c>__type</c> this service gives a typed error (services name the same condition differently).</summary>
    string ErrorCode(AwsServiceException error);
}

/// <summary>
/// Reads the request (a JSON object; malformed is a <c>SerializationException</c>), resolves the API from
/// <paramref name="services"/>, calls it and returns the serialized response.
/// </summary>
public delegate Task<byte[]> OperationInvoker(IServiceProvider services, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);

/// <summary>A typed table: each operation is a call on <typeparamref name="TApi"/>, resolved per request from DI.</summary>
/// <param name="json">The service's serializer options (AwsJson.SageMaker, AwsJson.Logs).</param>
/// <param name="errorCode">How this service names a typed error; by default its own <see cref="AwsServiceException.ErrorCode"/>.</param>
public sealed class OperationTable<TApi>(string targetPrefix, JsonSerializerOptions json, Func<AwsServiceException, string>? errorCode = null)
    : IOperationTable
    where TApi : class
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    private readonly Dictionary<string, OperationInvoker> _operations = new(StringComparer.Ordinal);

    public string TargetPrefix { get; } = targetPrefix;

    public IReadOnlyCollection<string> Operations => _operations.Keys;

    public OperationTable<TApi> Add<TRequest, TResponse>(string operation, Func<TApi, TRequest, CancellationToken, Task<TResponse>> call)
        where TRequest : class
    {
        _operations.Add(operation, async (services, body, cancellationToken) =>
        {
            var request = Read<TRequest>(operation, body);
            var response = await call(Api(services), request, cancellationToken);
            return JsonSerializer.SerializeToUtf8Bytes(response, json);
        });
        return this;
    }

    /// <summary>An operation with no output (StopTrainingJob): it answers <c>{}</c>.</summary>
    public OperationTable<TApi> Add<TRequest>(string operation, Func<TApi, TRequest, CancellationToken, Task> call)
        where TRequest : class
    {
        _operations.Add(operation, async (services, body, cancellationToken) =>
        {
            var request = Read<TRequest>(operation, body);
            await call(Api(services), request, cancellationToken);
            return EmptyObject;
        });
        return this;
    }

    public OperationInvoker? Find(string operation) => _operations.GetValueOrDefault(operation);

    public string ErrorCode(AwsServiceException error) => errorCode?.Invoke(error) ?? error.ErrorCode;

    private TRequest Read<TRequest>(string operation, ReadOnlyMemory<byte> body)
    {
        // botocore always sends at least {}; an empty body (curl) means no members.
        var span = body.IsEmpty ? EmptyObject : body.Span;
        if (NullListMembers.Find(span) is { Count: > 0 } nulls)
            throw new ValidationException(ConstraintProblems.Message(
                nulls.ConvertAll(member => $"Value null at '{member}' failed to satisfy constraint: Member must not be null")));
        try
        {
            return JsonSerializer.Deserialize<TRequest>(span, json)
                ?? throw ProtocolErrors.Serialization($"The {operation} request must be a JSON object, not null.");
        }
        catch (JsonException e)
        {
            // The exception's own message names .NET types; the path and position are what a caller can act on.
            var where = e.Path is { Length: > 1 } path ? $" at {path}" : "";
            var position = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            throw ProtocolErrors.Serialization($"The {operation} request is not valid JSON for its shape{where}{position}.");
        }
    }

    private static TApi Api(IServiceProvider services) =>
        services.GetService<TApi>()
        ?? throw new InvalidOperationException($"No {typeof(TApi).Name} is registered in this host: the training engine is missing.");
}
