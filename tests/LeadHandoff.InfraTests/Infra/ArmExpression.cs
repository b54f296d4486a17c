using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LeadHandoff.Tests.Infra;

/// <summary>
/// Evaluates the few ARM template functions our alert queries are built with (format, parameters,
/// variables, string, int, add, mod, split, indexOf, createArray), so a test can read the query
/// Azure will run for given parameters. Anything else is refused loudly rather than guessed.
/// </summary>
public sealed class ArmExpression(Func<string, object?> parameters, Func<string, object?> variables)
{
    private string _text = "";
    private int _at;

    /// <summary>A template value: "[expression]" is evaluated, anything else is the value itself.</summary>
    public object? Value(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String when element.GetString() is { } s && s.StartsWith('[') && !s.StartsWith("[[", StringComparison.Ordinal) => Evaluate(s[1..^1]),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetInt64(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => element.EnumerateArray().Select(Value).ToList(),
        _ => throw new NotSupportedException($"template value of kind {element.ValueKind}"),
    };

    public object? Evaluate(string expression)
    {
        // Re-entrant: parameters() and variables() may evaluate expressions of their own mid-parse.
        var (text, at) = (_text, _at);
        (_text, _at) = (expression, 0);
        try
        {
            var value = Expression();
            Skip();
            if (_at != _text.Length) throw new FormatException($"unexpected '{_text[_at..]}' in [{expression}]");
            return value;
        }
        finally
        {
            (_text, _at) = (text, at);
        }
    }

    private object? Expression()
    {
        Skip();
        object? value;
        if (_text[_at] == '\'') value = Literal();
        else if (char.IsDigit(_text[_at]) || _text[_at] == '-') value = Number();
        else
        {
            var start = _at;
            while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] == '_')) _at++;
            var name = _text[start.._at];
            Expect('(');
            var args = new List<object?>();
            Skip();
            if (_text[_at] != ')')
            {
                do { args.Add(Expression()); Skip(); } while (TryTake(','));
            }
            Expect(')');
            value = Call(name, args);
        }
        while (TryTake('['))
        {
            var index = Convert.ToInt32(Expression(), CultureInfo.InvariantCulture);
            Expect(']');
            value = ((System.Collections.IList)value!)[index];
        }
        return value;
    }

    private object? Call(string name, List<object?> args) => name switch
    {
        "parameters" => parameters((string)args[0]!),
        "variables" => variables((string)args[0]!),
        "format" => string.Format(CultureInfo.InvariantCulture, (string)args[0]!, args.Skip(1).Select(Text).ToArray()),
        "string" => Text(args[0]),
        "int" => Convert.ToInt64(args[0], CultureInfo.InvariantCulture),
        "add" => Convert.ToInt64(args[0], CultureInfo.InvariantCulture) + Convert.ToInt64(args[1], CultureInfo.InvariantCulture),
        "mod" => Convert.ToInt64(args[0], CultureInfo.InvariantCulture) % Convert.ToInt64(args[1], CultureInfo.InvariantCulture),
        "split" => ((string)args[0]!).Split((string)args[1]!).Cast<object?>().ToList(),
        "indexOf" when args[0] is List<object?> list => (long)list.IndexOf(args[1]),
        "createArray" => args,
        _ => throw new NotSupportedException($"ARM function {name}() is not evaluated here"),
    };

    // As ARM's string(): arrays and objects become compact JSON.
    private static object? Text(object? value) => value is List<object?> list ? JsonSerializer.Serialize(list) : Convert.ToString(value, CultureInfo.InvariantCulture);

    private string Literal()
    {
        var text = new StringBuilder();
        _at++;
        while (true)
        {
            if (_text[_at] == '\'' && _at + 1 < _text.Length && _text[_at + 1] == '\'') { text.Append('\''); _at += 2; }
            else if (_text[_at] == '\'') { _at++; return text.ToString(); }
            else text.Append(_text[_at++]);
        }
    }

    private long Number()
    {
        var start = _at++;
        while (_at < _text.Length && char.IsDigit(_text[_at])) _at++;
        return long.Parse(_text[start.._at], CultureInfo.InvariantCulture);
    }

    private void Skip()
    {
        while (_at < _text.Length && _text[_at] == ' ') _at++;
    }

    private bool TryTake(char c)
    {
        Skip();
        if (_at < _text.Length && _text[_at] == c) { _at++; return true; }
        return false;
    }

    private void Expect(char c)
    {
        if (!TryTake(c)) throw new FormatException($"expected '{c}' at {_at} in [{_text}]");
    }
}
