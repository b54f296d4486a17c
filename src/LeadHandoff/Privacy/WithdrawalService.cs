using System.Text;
using LeadHandoff.Email;
using LeadHandoff.Html;
using LeadHandoff.Leads;
using LeadHandoff.Links;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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

    /// <param name="language">The language of the page the request came from: the email, and the pages its link opens, use it.</param>
    public async Task RequestAsync(string normalisedEmail, string? language, CancellationToken cancellationToken)
    {
        var hash = EmailHash.Of(normalisedEmail);
        if (!await privacy.HoldsAsync(hash, cancellationToken)) return;
        var requestId = Guid.NewGuid().ToString("N");
        var now = time.GetUtcNow();
        await pending.SaveWithdrawalAsync(requestId, hash, now, cancellationToken);
        var token = signer.Sign(LinkPurpose.Withdraw, requestId, "person", now + LinkLifetime);
        var text = WithdrawalEmailText.For(language);
        var url = $"{links.Value.BaseUrl.TrimEnd('/')}/api/privacy/withdraw?t={token}{(text.Language == "th" ? "&lang=th" : "")}";
        var outcome = await sender.SendAsync(ConfirmationEmail(requestId, normalisedEmail, url, brand.Value, text), cancellationToken);
        LogRequested(logger, requestId, outcome.Status);
    }

    /// <summary>The email a member of the public gets: in the company's name and their language, saying who asks and why, with the company's contacts.</summary>
    public static EmailMessage ConfirmationEmail(string requestId, string to, string url, Branding.BrandOptions brand, WithdrawalEmailText? text = null)
    {
        text ??= WithdrawalEmailText.English;
        var name = brand.Name;
        var plain = new StringBuilder($"{text["Asked", name]}\r\n\r\n{text["Confirm"]}: {url}\r\n\r\n{text["NotYou"]}\r\n");
        if (brand.Support is { } support) plain.Append($"\r\n{text["Questions", support]}\r\n");
        if (brand.Privacy is { } privacy) plain.Append($"{text["Privacy", name]}: {privacy}\r\n");
        var html = HtmlTemplates.Render<Withdrawal, Withdrawal.Data>(new(text, brand, url));
        return new EmailMessage($"withdraw-{requestId}", [to], [], text["Subject", name], html, plain.ToString(), language: text.Language);
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
