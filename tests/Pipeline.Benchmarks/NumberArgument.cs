using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace Pipeline.Benchmarks;

/// <summary>
/// Custom parsers for numeric options: a value that is no number, or out of bounds, is a command-line error that names
/// the option. Not validators: System.CommandLine runs those even when the conversion failed, and reading the value throws.
/// </summary>
internal static class NumberArgument
{
    /// <summary>An option whose value must be at least <paramref name="minimum"/>, <paramref name="defaultValue"/> when not given.</summary>
    public static Option<T> AtLeast<T>(string name, string description, T defaultValue, T minimum)
        where T : INumber<T> =>
        WithDefault(name, description, defaultValue, result => AtLeast(result, minimum));

    /// <summary>An option whose value must lie in [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    public static Option<T> Between<T>(string name, string description, T defaultValue, T minimum, T maximum)
        where T : INumber<T> =>
        WithDefault(name, description, defaultValue, result => Between(result, minimum, maximum));

    /// <summary>An option whose value must be above zero.</summary>
    public static Option<T> Positive<T>(string name, string description, T defaultValue)
        where T : INumber<T> =>
        WithDefault(name, description, defaultValue, Positive<T>);

    private static Option<T> WithDefault<T>(string name, string description, T defaultValue, Func<ArgumentResult, T> parse) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue, CustomParser = result => parse(result) };

    public static T AtLeast<T>(ArgumentResult result, T minimum)
        where T : INumber<T> =>
        Read<T>(result, value => value >= minimum, $"of at least {minimum}");

    public static T Between<T>(ArgumentResult result, T minimum, T maximum)
        where T : INumber<T> =>
        Read<T>(result, value => value >= minimum && value <= maximum, $"from {minimum} to {maximum}");

    public static T Positive<T>(ArgumentResult result)
        where T : INumber<T> =>
        Read<T>(result, value => value > T.Zero, "more than 0");

    private static T Read<T>(ArgumentResult result, Func<T, bool> inBounds, string bounds)
        where T : INumber<T>
    {
        var text = result.Tokens[0].Value;
        if (T.TryParse(text, CultureInfo.InvariantCulture, out var value) && inBounds(value))
            return value;
        var kind = typeof(T) == typeof(double) ? "a number" : "a whole number";
        var name = (result.Parent as OptionResult)?.Option.Name ?? result.Argument.Name;
        result.AddError($"{name} takes {kind} {bounds}, not '{text}'.");
        return T.Zero;
    }
}
