namespace LeadHandoff.Shared;

/// <summary>
/// A deliberately plain check of a normalised address: one @, a sane local part and a dotted domain.
/// Full RFC 5322 allows quoted and commented forms no business form needs and mail systems mangle.
/// </summary>
public static class EmailAddress
{
    public static bool IsValid(string email)
    {
        var at = email.IndexOf('@');
        if (at <= 0 || at != email.LastIndexOf('@')) return false;
        var local = email[..at];
        var domain = email[(at + 1)..];
        return local.Length <= 64 && IsLocalPart(local) && domain.Length <= 253 && IsDomain(domain);
    }

    private static bool IsLocalPart(string local) =>
        local[0] != '.' && local[^1] != '.' && !local.Contains("..", StringComparison.Ordinal) &&
        local.All(c => c > ' ' && c != 0x7f && !"\"(),:;<>[\\]".Contains(c));

    private static bool IsDomain(string domain)
    {
        var labels = domain.Split('.');
        return labels.Length >= 2 && labels.All(label =>
            label.Length is > 0 and <= 63 && label[0] != '-' && label[^1] != '-' &&
            label.All(c => char.IsLetterOrDigit(c) || c == '-'));
    }
}
