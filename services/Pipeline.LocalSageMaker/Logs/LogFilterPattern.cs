using Pipeline.Aws;

namespace Pipeline.LocalSageMaker.Logs;

/// <summary>
/// CloudWatch's filter pattern for unstructured events, the term part of it: <c>ERROR</c> (the term appears),
/// <c>ERROR Exception</c> (all terms appear), <c>"some phrase"</c> (the exact phrase), <c>?ERROR ?WARN</c> (any of
/// them), <c>ERROR -Retry</c> (without the term). Matching is case-sensitive, as CloudWatch's is. JSON
/// (<c>{ $.x = 1 }</c>) and space-delimited (<c>[a, b]</c>) patterns are refused.
/// </summary>
public sealed class LogFilterPattern
{
    public static LogFilterPattern All { get; } = new([], [], []);

    private readonly string[] _required;
    private readonly string[] _anyOf;
    private readonly string[] _excluded;

    private LogFilterPattern(string[] required, string[] anyOf, string[] excluded)
    {
        _required = required;
        _anyOf = anyOf;
        _excluded = excluded;
    }

    public static LogFilterPattern Parse(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
            return All;
        var trimmed = pattern.Trim();
        if (trimmed[0] is '{' or '[' || trimmed.StartsWith('%'))
            throw new ValidationException(
                $"LocalSageMaker supports term and quoted-phrase filter patterns only, not JSON, space-delimited or regular-expression patterns: '{pattern}'.");

        List<string> required = [], anyOf = [], excluded = [];
        foreach (var (term, marker) in Terms(trimmed, pattern))
        {
            var list = marker switch { '?' => anyOf, '-' => excluded, _ => required };
            list.Add(term);
        }

        return new LogFilterPattern([.. required], [.. anyOf], [.. excluded]);
    }

    public bool Matches(string message)
    {
        foreach (var term in _required)
            if (!message.Contains(term, StringComparison.Ordinal))
                return false;
        foreach (var term in _excluded)
            if (message.Contains(term, StringComparison.Ordinal))
                return false;
        if (_anyOf.Length == 0)
            return true;
        foreach (var term in _anyOf)
            if (message.Contains(term, StringComparison.Ordinal))
                return true;
        return false;
    }

    private static IEnumerable<(string Term, char Marker)> Terms(string text, string pattern)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var marker = text[i] is '?' or '-' ? text[i++] : '\0';
            if (i < text.Length && text[i] == '"')
            {
                var close = text.IndexOf('"', i + 1);
                if (close < 0)
                    throw new ValidationException($"The filter pattern has an unclosed quote: '{pattern}'.");
                yield return (text[(i + 1)..close], marker);
                i = close + 1;
            }
            else
            {
                var end = i;
                while (end < text.Length && !char.IsWhiteSpace(text[end]))
                    end++;
                if (end > i)
                    yield return (text[i..end], marker);
                i = end;
            }
        }
    }
}
