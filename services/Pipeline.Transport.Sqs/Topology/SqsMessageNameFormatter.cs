using System.Collections.Concurrent;
using System.Text;
using MassTransit.Transports;

namespace Pipeline.Transport.Sqs.Topology;

/// <summary>
/// A message type's topic name as MassTransit's SQS transport writes it: the namespace with '.' as '_', '-', the
/// type's name (nested types after '_', generic arguments between '--' and separated by '__'), e.g.
/// <c>Pipeline_Contracts-StartExperiment</c>.
/// </summary>
internal sealed class SqsMessageNameFormatter : IMessageNameFormatter
{
    private readonly ConcurrentDictionary<Type, string> _names = new();

    public string GetMessageName(Type type) => _names.GetOrAdd(type, static t =>
    {
        if (t.IsGenericTypeDefinition)
            throw new ArgumentException($"An open generic type ({t.Name}) has no topic name.", nameof(type));
        var name = new StringBuilder();
        Append(name, t, null);
        return name.ToString();
    });

    private static void Append(StringBuilder name, Type type, string? enclosingNamespace)
    {
        if (type.IsGenericParameter)
            return;
        var ns = type.Namespace?.Replace('.', '_');
        if (ns is not null && ns != enclosingNamespace)
            name.Append(ns).Append('-');
        if (type is { IsNested: true, DeclaringType: { } declaring })
        {
            Append(name, declaring, ns);
            name.Append('_');
        }

        if (!type.IsGenericType)
        {
            name.Append(type.Name);
            return;
        }

        var definition = type.GetGenericTypeDefinition().Name;
        name.Append(definition.AsSpan(0, definition.IndexOf('`') is var tick and > 0 ? tick : definition.Length)).Append("--");
        var arguments = type.GetGenericArguments();
        for (var i = 0; i < arguments.Length; i++)
        {
            if (i > 0)
                name.Append("__");
            Append(name, arguments[i], ns);
        }

        name.Append("--");
    }
}
