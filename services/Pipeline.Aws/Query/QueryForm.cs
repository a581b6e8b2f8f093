using System.Text;

namespace Pipeline.Aws.Query;

/// <summary>
/// The parameters of one Query-protocol request (SNS, SQS's old protocol, STS), flattened as botocore's query
/// serializer flattens them: lists as <c>Name.member.N</c>, maps as <c>Name.entry.N.key</c> / <c>.value</c>
/// (or the model's own key and value names), structures as <c>Name.Member</c>; N counts from 1. Absent values are
/// left out.
/// </summary>
public sealed class QueryForm
{
    private readonly List<KeyValuePair<string, string>> _fields = [];

    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    public QueryForm Add(string name, string? value)
    {
        if (value is not null)
            _fields.Add(new(name, value));
        return this;
    }

    /// <summary>Booleans as botocore writes them: true / false.</summary>
    public QueryForm Add(string name, bool? value) => Add(name, value switch { true => "true", false => "false", null => null });

    /// <summary>Blobs are base64.</summary>
    public QueryForm Add(string name, byte[]? value) => Add(name, value is null ? null : Convert.ToBase64String(value));

    public QueryForm AddList<T>(string name, IEnumerable<T>? items, Action<QueryForm, string, T> addMember)
    {
        ArgumentNullException.ThrowIfNull(addMember);
        var n = 0;
        foreach (var item in items ?? [])
            addMember(this, $"{name}.member.{++n}", item);
        return this;
    }

    public QueryForm AddMap<TValue>(string name, IEnumerable<KeyValuePair<string, TValue>>? map, string keyName, string valueName,
        Action<QueryForm, string, TValue> addValue)
    {
        ArgumentNullException.ThrowIfNull(addValue);
        var n = 0;
        foreach (var (key, value) in map ?? [])
        {
            var entry = $"{name}.entry.{++n}";
            Add($"{entry}.{keyName}", key);
            addValue(this, $"{entry}.{valueName}", value);
        }

        return this;
    }

    /// <summary>A map of strings with botocore's default member names, key and value.</summary>
    public QueryForm AddMap(string name, IEnumerable<KeyValuePair<string, string>>? map) =>
        AddMap(name, map, "key", "value", static (form, field, value) => form.Add(field, value));

    /// <summary>application/x-www-form-urlencoded, every name and value percent-encoded as RFC 3986 says (space as %20).</summary>
    public byte[] ToFormBody()
    {
        var body = new StringBuilder();
        foreach (var (name, value) in _fields)
        {
            if (body.Length > 0)
                body.Append('&');
            body.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return Encoding.UTF8.GetBytes(body.ToString());
    }
}
