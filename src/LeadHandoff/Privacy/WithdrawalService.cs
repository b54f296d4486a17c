using System.Text;
using LeadHandoff.Email;
using LeadHandoff.Leads;
using LeadHandoff.Links;
using LeadHandoff.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using LeadHandoff.Html;
using LeadHandoff.Html.Emails;

namespace LeadHandoff.Privacy;

public enum WithdrawalCheck
{
    /// <summary>The link is good and the request still pending.</summary>
    Pending,
    /// <summary>Tampered or forged: 403.</summary>
    Forbidden,
    /// <summary>Expired, or already carried out: 410.</summary>
    Gone,
}

/// <summary>
/// A person withdraws consent themselves, as easily as they filled in the form: they give their
/// address, we email it a signed link, and confirming on that page erases them. Only the mailbox's
/// owner can confirm, so nobody can erase someone else; and the answer to a request is the same
/// whether or not we hold data, so the form reveals nothing.
/// </summary>
public sealed partial class WithdrawalService(
    WithdrawalStore pending,
    PrivacyService privacy,
    LinkSigner signer,
    IEmailSender sender,
    IOptions<LinkOptions> links,
    IOptions<Branding.BrandOptions> brand,
    TimeProvider time,
    ILogger<WithdrawalService> logger)
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(7);

    public async Task RequestAsync(string normalisedEmail, CancellationToken cancellationToken)
    {
        var hash = EmailHash.Of(normalisedEmail);
        if (!await privacy.HoldsAsync(hash, cancellationToken)) return;
        var requestId = Guid.NewGuid().ToString("N");
        var now = time.GetUtcNow();
        await pending.SaveWithdrawalAsync(requestId, hash, now, cancellationToken);
        var token = signer.Sign(LinkPurpose.Withdraw, requestId, "person", now + LinkLifetime);
        var url = $"{links.Value.BaseUrl.TrimEnd('/')}/api/privacy/withdraw?t={token}";
        var outcome = await sender.SendAsync(ConfirmationEmail(requestId, normalisedEmail, url, brand.Value), cancellationToken);
        LogRequested(logger, requestId, outcome.Status);
    }

    /// <summary>The email a member of the public gets: in the company's name, saying who asks and why, with the company's contacts.</summary>
    public static EmailMessage ConfirmationEmail(string requestId, string to, string url, Branding.BrandOptions brand)
    {
        var name = brand.Name;
        var subject = $"{name}: confirm you want your details erased";
        var text = new StringBuilder($"Someone, hopefully you, asked {name} to stop using your details and erase them.\r\n\r\nConfirm and erase my details: {url}\r\n\r\nIf it was not you, ignore this email: nothing changes. The link works for 7 days.\r\n");
        if (brand.Support is { } support) text.Append($"\r\nQuestions? Write to {support}.\r\n");
        if (brand.Privacy is { } privacy) text.Append($"How {name} uses your details: {privacy}\r\n");
        var html = HtmlTemplates.Render<Withdrawal, Withdrawal.Data>(new(brand, subject, url));
        return new EmailMessage($"withdraw-{requestId}", [to], [], subject, html, text.ToString());
    }

    public async Task<(WithdrawalCheck Check, string? RequestId)> OpenAsync(string? token, CancellationToken cancellationToken)
    {
        var result = signer.Verify(token, LinkPurpose.Withdraw);
        if (result.Check is TokenCheck.Forged or TokenCheck.WrongPurpose) return (WithdrawalCheck.Forbidden, null);
        if (result.Check == TokenCheck.Expired) return (WithdrawalCheck.Gone, null);
        var requestId = result.Claims!.Subject;
        return await pending.WithdrawalHashAsync(requestId, cancellationToken) is null ? (WithdrawalCheck.Gone, null) : (WithdrawalCheck.Pending, requestId);
    }

    public async Task<ErasureCounts?> ConfirmAsync(string requestId, CancellationToken cancellationToken)
    {
        var hash = await pending.WithdrawalHashAsync(requestId, cancellationToken);
        if (hash is null) return null;
        var counts = await privacy.EraseByHashAsync(hash, "withdraw", cancellationToken);
        await pending.DeleteWithdrawalAsync(requestId, cancellationToken);
        return counts;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Withdrawal {RequestId} requested; confirmation email {Status}")]
    private static partial void LogRequested(ILogger logger, string requestId, SendStatus status);
}
