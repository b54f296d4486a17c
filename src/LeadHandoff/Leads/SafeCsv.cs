using System.Text;

namespace LeadHandoff.Leads;

/// <summary>
/// RFC 4180 CSV (CRLF rows, quoted where needed) that is safe to open in a spreadsheet: a value a
/// spreadsheet would run as a formula gets a leading apostrophe.
/// </summary>
public static class SafeCsv
{
    public static string Field(string? value)
    {
        value ??= "";
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '|' or '%')
            value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    public static StringBuilder Row(StringBuilder csv, IEnumerable<string?> fields) =>
        csv.AppendJoin(',', fields.Select(Field)).Append("\r\n");
}
