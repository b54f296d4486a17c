using System.Globalization;
using System.Text;

namespace LeadHandoff.Shared;

/// <summary>The one normalisation every submitted value gets: Unicode NFKC, then trimmed.</summary>
public static class TextNormaliser
{
    public static string Normalise(string value)
    {
        // NFKC folds compatibility forms (full-width letters, ligatures, non-breaking spaces) so two
        // spellings of the same address dedupe; it can produce plain spaces, hence trimming after.
        var normalised = value.IsNormalized(NormalizationForm.FormKC) ? value : value.Normalize(NormalizationForm.FormKC);
        return normalised.Trim();
    }

    public static bool HasLineBreak(string value) =>
        value.AsSpan().IndexOfAny("\r\n\u0085\u2028\u2029") >= 0;

    /// <summary>
    /// Bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069): in a
    /// single-line value they can make a name display in an order other than the one typed.
    /// </summary>
    public static bool HasBidiControl(string value) =>
        value.AsSpan().IndexOfAny("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069") >= 0;

    /// <summary>Control characters other than the line breaks and tabs a multi-line field may hold.</summary>
    public static bool HasControlCharacter(string value, bool multiline)
    {
        foreach (var c in value)
        {
            if (multiline && c is '\r' or '\n' or '\t') continue;
            if (char.GetUnicodeCategory(c) == UnicodeCategory.Control) return true;
        }
        return false;
    }

    /// <summary>Drops control characters and cuts to <paramref name="maxLength"/>: for values kept without validation.</summary>
    public static string Sanitise(string value, int maxLength)
    {
        var builder = new StringBuilder(Math.Min(value.Length, maxLength));
        foreach (var c in Normalise(value))
        {
            if (builder.Length == maxLength) break;
            if (char.GetUnicodeCategory(c) != UnicodeCategory.Control) builder.Append(c);
        }
        return builder.ToString();
    }
}
