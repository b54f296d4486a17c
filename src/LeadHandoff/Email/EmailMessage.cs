namespace LeadHandoff.Email;

public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>
/// One email, ready for any transport. <see cref="LedgerId"/> ties it to its ledger row and travels
/// with it (SendGrid custom_args, an outbox header) so a delivery can be traced back.
/// </summary>
public sealed record EmailMessage
{
    public EmailMessage(string ledgerId, IReadOnlyList<string> to, IReadOnlyList<string> cc, string subject, string html, string text, IReadOnlyList<EmailAttachment>? attachments = null)
    {
        LedgerId = ledgerId;
        To = to;
        Cc = cc;
        // A header value never carries a line break, whatever went into it: no header injection.
        Subject = string.Join(' ', subject.Split(['\r', '\n', '\u0085', '\u2028', '\u2029'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        Html = html;
        Text = text;
        Attachments = attachments ?? [];
    }

    public string LedgerId { get; }
    public IReadOnlyList<string> To { get; }
    public IReadOnlyList<string> Cc { get; }
    public string Subject { get; }
    public string Html { get; }
    public string Text { get; }
    public IReadOnlyList<EmailAttachment> Attachments { get; }
}
