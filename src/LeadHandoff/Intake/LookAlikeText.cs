using System.Collections;
using System.Globalization;
using System.Text;
using ICU4N.Globalization;
using LeadHandoff.Leads;

namespace LeadHandoff.Intake;

/// <summary>
/// Text that looks like something it is not, after Unicode's security mechanisms (UTS #39), on
/// Unicode's own script data as ICU carries it (ICU4N's <see cref="UScript.GetScriptExtensions"/>),
/// with no tables of our own. A single-line value passes at the "moderately restrictive" level:
/// one script, or Latin with one other script that is not Cyrillic or Greek (Thai with Latin,
/// "บริษัท ABC จำกัด", passes; a Cyrillic "а" inside Latin does not), or Latin with the Chinese,
/// Japanese or Korean sets. Characters of no script (digits, punctuation, spaces) and combining
/// marks go with any script.
/// </summary>
public static class LookAlikeText
{
    // BitArray wide enough for every script code ICU knows.
    private const int ScriptCodes = 256;

    private static readonly int[][] HanSets =
    [
        [UScript.Latin, UScript.Han, UScript.Hiragana, UScript.Katakana],
        [UScript.Latin, UScript.Han, UScript.Bopomofo],
        [UScript.Latin, UScript.Han, UScript.Hangul],
    ];

    /// <summary>Invisible or format characters (Unicode category Cf: zero-width spaces and joiners, bidi controls, the soft hyphen).</summary>
    public static bool HasInvisible(string value) =>
        value.EnumerateRunes().Any(r => Rune.GetUnicodeCategory(r) == UnicodeCategory.Format);

    /// <summary>
    /// The first of a lead's single-line fields that looks like other text, by its form field name
    /// (<c>name</c>, <c>company</c>, <c>job_title</c>, or <c>email</c> for a domain label that mixes
    /// scripts), or null when none does.
    /// </summary>
    public static string? FirstSuspect(LeadDetails lead)
    {
        if (!IsModeratelyRestrictive(lead.Name)) return "name";
        if (!IsModeratelyRestrictive(lead.Company)) return "company";
        if (!IsModeratelyRestrictive(lead.JobTitle)) return "job_title";
        var domain = lead.Email[(lead.Email.LastIndexOf('@') + 1)..];
        return domain.Split('.').All(IsSingleScript) ? null : "email";
    }

    /// <summary>Every character of one script (or of none): what a domain label must be.</summary>
    public static bool IsSingleScript(string value)
    {
        var sets = ScriptSets(value);
        if (sets.Count == 0) return true;
        var common = new HashSet<int>(sets[0]);
        foreach (var set in sets.Skip(1)) common.IntersectWith(set);
        return common.Count > 0;
    }

    /// <summary>UTS #39's "moderately restrictive" level, or stricter.</summary>
    public static bool IsModeratelyRestrictive(string value)
    {
        // One script covers every character (its resolved script set is not empty).
        if (IsSingleScript(value)) return true;
        var sets = ScriptSets(value);
        // Latin with one other script, Cyrillic and Greek excepted: the pairs that read as one text.
        var others = sets.SelectMany(s => s).Distinct().Where(s => s is not (UScript.Latin or UScript.Cyrillic or UScript.Greek));
        if (others.Any(other => sets.All(s => s.Contains(UScript.Latin) || s.Contains(other)))) return true;
        return HanSets.Any(allowed => sets.All(s => s.Overlaps(allowed)));
    }

    /// <summary>Each character's scripts (its Script_Extensions), leaving out those of no script (Common) and combining marks (Inherited).</summary>
    private static List<HashSet<int>> ScriptSets(string value)
    {
        var result = new List<HashSet<int>>();
        var bits = new BitArray(ScriptCodes);
        foreach (var rune in value.EnumerateRunes())
        {
            bits.SetAll(false);
            UScript.GetScriptExtensions(rune.Value, bits);
            var scripts = new HashSet<int>();
            for (var i = 0; i < ScriptCodes; i++)
                if (bits[i] && i is not (UScript.Common or UScript.Inherited)) scripts.Add(i);
            if (scripts.Count > 0) result.Add(scripts);
        }
        return result;
    }
}
