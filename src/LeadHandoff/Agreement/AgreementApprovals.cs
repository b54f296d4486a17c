using System.Text;
using LeadHandoff.Email;
using LeadHandoff.Html;
using LeadHandoff.Links;
using LeadHandoff.Team;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Agreement;

/// <summary>
/// Asks the other side's heads to approve or decline a proposal: each active roster member in the
/// other side's role (sales: managers; marketing: marketing) gets an email with a signed link for
/// them alone, valid while the proposal is open. Sent through the send-once ledger; what happened
/// to each email is kept on the proposal, so the page says it when one did not go.
/// </summary>
public sealed partial class AgreementApprovals(
    TeamRoster roster,
    LinkSigner signer,
    EmailDelivery delivery,
    IOptions<LinkOptions> links,
    ILogger<AgreementApprovals> logger)
{
    /// <summary>The path the emailed link opens; the function app serves it.</summary>
    public const string Path = "/api/agreement/answer";

    public static TeamRole HeadOf(AgreementSide side) => side == AgreementSide.Sales ? TeamRole.Manager : TeamRole.Marketing;

    public static AgreementSide Other(AgreementSide side) => side == AgreementSide.Sales ? AgreementSide.Marketing : AgreementSide.Sales;

    /// <returns>Each head emailed and the email's state, "name: Sent".</returns>
    public async Task<IReadOnlyList<string>> AskAsync(AgreementProposal proposal, AgreementTerms current, string effectiveFrom, CancellationToken cancellationToken)
    {
        var side = Other(proposal.Side);
        var heads = (await roster.RefreshAsync(cancellationToken)).Members.Where(m => m.Active && m.Role == HeadOf(side)).ToList();
        var sent = new List<string>();
        foreach (var head in heads)
        {
            var token = signer.Sign(LinkPurpose.AgreementAnswer, proposal.Id, head.Id, proposal.ProposedAt.AddDays(30));
            var text = AgreementEmailText.For(head.Language);
            var url = $"{links.Value.BaseUrl.TrimEnd('/')}{Path}?t={token}";
            var state = await delivery.SendAsync(Guid.NewGuid().ToString("N"), "agreement-" + proposal.Id, "ask-" + head.Id,
                id => Task.FromResult<EmailMessage?>(Email(id, head.Email, proposal, current, effectiveFrom, side, url, text)), cancellationToken);
            sent.Add($"{head.Name}: {state?.ToString() ?? "Sent"}");
        }
        if (heads.Count == 0) LogNoHead(logger, proposal.Id, side.ToString());
        return sent;
    }

    public static EmailMessage Email(string messageId, string to, AgreementProposal proposal, AgreementTerms current, string effectiveFrom, AgreementSide approver, string url, AgreementEmailText text)
    {
        var changes = current.Changes(proposal.Terms);
        var plain = new StringBuilder($"{text["Proposed", proposal.ProposedBy, text["Side." + proposal.Side]]}\r\n");
        foreach (var c in changes) plain.Append($"- {text["Change", text["Term." + c.Term], c.Old, c.New]}\r\n");
        if (proposal.Note.Length > 0) plain.Append($"\r\n{proposal.Note}\r\n");
        plain.Append($"\r\n{text["Effective", effectiveFrom]}\r\n\r\n{text["Open"]}: {url}\r\n\r\n{text["Why", text["Side." + approver]]}\r\n");
        var html = HtmlTemplates.Render<ApprovalRequest, ApprovalRequest.Data>(new(text, proposal, changes, effectiveFrom, approver, url));
        return new EmailMessage(messageId, [to], [], text["Subject", proposal.ProposedBy], html, plain.ToString(), language: text.Language);
    }

    /// <summary>Who a link was sent to and for which proposal, or null when it is not one of ours.</summary>
    public (string ProposalId, string MemberId)? Open(string? token)
    {
        var result = signer.Verify(token, LinkPurpose.AgreementAnswer);
        return result.Check == TokenCheck.Valid ? (result.Claims!.Subject, result.Claims.OwnerId) : null;
    }

    [LoggerMessage(Level = LogLevel.Error, EventName = "AgreementNoHead", Message = "Agreement change {ProposalId} has nobody to approve it: no active roster member heads {Side}")]
    private static partial void LogNoHead(ILogger logger, string proposalId, string side);
}
