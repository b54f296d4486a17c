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
/// owner can confirm, so nobody can erase someone else. The form cannot be turned against a
/// mailbox or used to learn who is a lead: asking does the same single write whatever the address
/// (the address sealed), and answers at once; the sweep looks the address up afterwards, and sends
/// at most one email to an address a day, through the send-once ledger.
/// </summary>
public sealed partial class WithdrawalService(
    WithdrawalStore pending,
    PrivacyService privacy,
    LinkSigner signer,
    EmailDelivery delivery,
    IOptions<LinkOptions> links,
    IOptions<Branding.BrandOptions> brand,
    TimeProvider time,
    ILogger<WithdrawalService> logger)
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(7);

    /// <summary>At most one withdrawal email to an address in this time, however often it is asked for.</summary>
    public static readonly TimeSpan OneEmailPer = TimeSpan.FromHours(24);

    private const string SealPurpose = "withdraw-address";

    /// <param name="language">The language of the page the request came from: the email, and the pages its link opens, use it.</param>
    public async Task RequestAsync(string normalisedEmail, string? language, CancellationToken cancellationToken) =>
        await pending.AskAsync(EmailHash.Of(normalisedEmail), signer.Seal(SealPurpose, normalisedEmail), WithdrawalEmailText.For(language).Language, time.GetUtcNow(), cancellationToken);

    /// <summary>The sweep: each address asked for since the last one is looked up, and one we hold gets its email, once a day at most.</summary>
    public async Task<WithdrawalRunResult> SendAskedAsync(CancellationToken cancellationToken)
    {
        var runId = Guid.NewGuid().ToString("N");
        int sent = 0, notHeld = 0, recently = 0, waiting = 0;
        foreach (var asked in await pending.ListAskedAsync(cancellationToken))
        {
            var now = time.GetUtcNow();
            // An address sealed under a key since rotated away opens no more: nothing to send to.
            var email = signer.Unseal(SealPurpose, asked.SealedEmail);
            if (email is null || !await privacy.HoldsAsync(asked.EmailHash, cancellationToken)) notHeld++;
            else if (await pending.LastSentAsync(asked.EmailHash, cancellationToken) is { } last && now - last < OneEmailPer) recently++;
            else if (await SendAsync(runId, asked, email, now, cancellationToken) is MessageState.Deferred or MessageState.Unknown or MessageState.Claimed or MessageState.Handing)
            {
                // Not settled: the ask stays for the next sweep, which the ledger lets finish it.
                waiting++;
                continue;
            }
            else sent++;
            await pending.RemoveAskAsync(asked, cancellationToken);
        }
        return new WithdrawalRunResult(sent, notHeld, recently, waiting);
    }

    private async Task<MessageState?> SendAsync(string runId, WithdrawalStore.Asked asked, string email, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // One request a day per address, named the same on a retry, so a crash never leaves two links.
        var day = now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var requestId = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"withdraw|{day}|{asked.EmailHash}")))[..32];
        await pending.SaveWithdrawalAsync(requestId, asked.EmailHash, now, cancellationToken);
        var token = signer.Sign(LinkPurpose.Withdraw, requestId, "person", now + LinkLifetime);
        var text = WithdrawalEmailText.For(asked.Language);
        var url = $"{links.Value.BaseUrl.TrimEnd('/')}/api/privacy/withdraw?t={token}{(text.Language == "th" ? "&lang=th" : "")}";
        var state = await delivery.SendAsync(runId, "withdraw-" + day, requestId,
            id => Task.FromResult<EmailMessage?>(ConfirmationEmail(id, email, url, brand.Value, text)), cancellationToken);
        // Null: settled by an earlier run (a crash after the send) or in flight in another: either way it went.
        if (state is null || state.Value.IsDelivered() || state == MessageState.Failed) await pending.MarkSentAsync(asked.EmailHash, now, cancellationToken);
        LogRequested(logger, requestId, state?.ToString() ?? "settled earlier");
        return state;
    }

    /// <summary>The email a member of the public gets: in the company's name and their language, saying who asks and why, with the company's contacts.</summary>
    /// <param name="messageId">The send-once ledger's id for it.</param>
    public static EmailMessage ConfirmationEmail(string messageId, string to, string url, Branding.BrandOptions brand, WithdrawalEmailText? text = null)
    {
        text ??= WithdrawalEmailText.English;
        var name = brand.Name;
        var plain = new StringBuilder($"{text["Asked", name]}\r\n\r\n{text["Confirm"]}: {url}\r\n\r\n{text["NotYou"]}\r\n");
        if (brand.Support is { } support) plain.Append($"\r\n{text["Questions", support]}\r\n");
        if (brand.Privacy is { } privacy) plain.Append($"{text["Privacy", name]}: {privacy}\r\n");
        var html = HtmlTemplates.Render<Withdrawal, Withdrawal.Data>(new(text, brand, url));
        return new EmailMessage(messageId, [to], [], text["Subject", name], html, plain.ToString(), language: text.Language);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Withdrawal {RequestId} requested; confirmation email {State}")]
    private static partial void LogRequested(ILogger logger, string requestId, string state);
}
