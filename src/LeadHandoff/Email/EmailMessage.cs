using LeadHandoff.Html;
using LeadHandoff.Html.Emails;

namespace LeadHandoff.Email;

public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>
/// One email, ready for any transport. <see cref="LedgerId"/> ties it to its ledger row and travels
/// with it (SendGrid custom_args, an outbox header) so a delivery can be traced back.
/// </summary>
public sealed record EmailMessage
{
    /// <param name="language">The language the email is written in: notices the delivery adds (a possible repeat, a redirect) are written in it too.</param>
    public EmailMessage(string ledgerId, IReadOnlyList<string> to, IReadOnlyList<string> cc, string subject, string html, string text, IReadOnlyList<EmailAttachment>? attachments = null, string language = "en")
    {
        LedgerId = ledgerId;
        // One address appears once across To and Cc, compared case-insensitively: SendGrid refuses
        // a request that repeats one (400), which would turn a role overlap into a lost email.
        To = to.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        Cc = cc.Distinct(StringComparer.OrdinalIgnoreCase).Where(a => !To.Contains(a, StringComparer.OrdinalIgnoreCase)).ToList();
        // A header value never carries a line break, whatever went into it: no header injection.
        Subject = Shorten(string.Join(' ', subject.Split(['\r', '\n', '\u0085', '\u2028', '\u2029'], StringSplitOptions.RemoveEmptyEntries)).Trim());
        Html = html;
        Text = text;
        Attachments = attachments ?? [];
        Language = LocalizedText.IsThai(language) ? "th" : "en";
    }

    /// <summary>RFC 5322's recommended line length, and about what a phone's inbox shows.</summary>
    public const int MaxSubjectLength = 78;

    /// <summary>Cut to <see cref="MaxSubjectLength"/> characters at a word where possible, with an ellipsis; never inside a surrogate pair.</summary>
    public static string Shorten(string subject)
    {
        if (subject.Length <= MaxSubjectLength) return subject;
        var cut = MaxSubjectLength - 1;
        if (char.IsLowSurrogate(subject[cut])) cut--;
        var space = subject.LastIndexOf(' ', cut);
        if (space > MaxSubjectLength / 2) cut = space;
        return subject[..cut].TrimEnd() + "…";
    }

    public string LedgerId { get; }
    public IReadOnlyList<string> To { get; }
    public IReadOnlyList<string> Cc { get; }
    public string Subject { get; }
    public string Html { get; }
    public string Text { get; }
    public IReadOnlyList<EmailAttachment> Attachments { get; }
    public string Language { get; }

    /// <summary>The same email with a notice at the top of both parts.</summary>
    public EmailMessage WithNotice(string notice) => new(LedgerId, To, Cc, Subject,
        InsertAfterBody(Html, HtmlTemplates.Render<EmailNotice, string>(notice)),
        notice + "\r\n\r\n" + Text, Attachments, Language);

    /// <summary>The same email for other recipients, saying why it reached them.</summary>
    /// <param name="subject">The subject it goes under ("Undelivered: …"), in the email's language.</param>
    public EmailMessage Redirected(IReadOnlyList<string> to, string subject, string notice) =>
        new EmailMessage(LedgerId, to, [], subject, Html, Text, Attachments, Language).WithNotice(notice);

    private static string InsertAfterBody(string html, string fragment)
    {
        var content = html.IndexOf(EmailStyle.ContentStart, StringComparison.Ordinal);
        if (content >= 0) return html.Insert(content + EmailStyle.ContentStart.Length, fragment);
        var body = html.IndexOf("<body", StringComparison.OrdinalIgnoreCase);
        var end = body < 0 ? -1 : html.IndexOf('>', body);
        return end < 0 ? fragment + html : html[..(end + 1)] + fragment + html[(end + 1)..];
    }
}
