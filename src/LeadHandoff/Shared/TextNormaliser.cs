using System.Globalization;
using System.Text;

namespace LeadHandoff.Shared;

/// <summary>
/// What is stored is what people typed, in one canonical encoding: Unicode NFC, trimmed. Harder
/// folding (NFKC and lower case) is only for comparison keys, such as the email address.
/// </summary>
public static class TextNormaliser
{
    /// <summary>
    /// NFC, then trimmed: the same text in its composed form. Unlike NFKC it keeps what people
    /// wrote: the Thai จำกัด (whose SARA AM NFKC splits into two code points) and "™" stay as typed.
    /// </summary>
    public static string Normalise(string value)
    {
        var normalised = value.IsNormalized(NormalizationForm.FormC) ? value : value.Normalize(NormalizationForm.FormC);
        return normalised.Trim();
    }

    /// <summary>
    /// A key two spellings of the same thing share: NFKC folds compatibility forms (full-width
    /// letters, ligatures, non-breaking spaces), then lower case, then trimmed (NFKC can produce
    /// plain spaces). For comparing and hashing, never for what is shown or stored as prose.
    /// </summary>
    public static string ComparisonKey(string value)
    {
        var folded = value.IsNormalized(NormalizationForm.FormKC) ? value : value.Normalize(NormalizationForm.FormKC);
        return folded.ToLowerInvariant().Trim();
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
