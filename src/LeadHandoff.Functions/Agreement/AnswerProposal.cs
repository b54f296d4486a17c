using LeadHandoff.Agreement;
using LeadHandoff.Functions.Http;
using LeadHandoff.Html;
using LeadHandoff.Team;
using LeadHandoff.Weeks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LeadHandoff.Functions.Agreement;

/// <summary>
/// <c>/api/agreement/answer?t=…</c>, the link a proposal emails to the other side's heads (the
/// signed link, for one member and one proposal, is the credential). GET shows the change and two
/// buttons; POST <c>action=approve</c> or <c>decline</c> records the answer in that member's name.
/// </summary>
public sealed class AnswerProposal(AgreementService agreement, AgreementApprovals approvals, TeamRoster roster, SlaCalendar calendar)
{
    [Function(nameof(AnswerProposal))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "agreement/answer")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var token = request.Query["t"].ToString();
        var link = approvals.Open(token);
        var member = link is { } l ? (await roster.RefreshAsync(cancellationToken)).Member(l.MemberId) : null;
        var t = AgreementPageText.For(member?.Language ?? BrowserLanguage.Of(request));
        if (link is null || member is not { Active: true } || member.Role is not (TeamRole.Manager or TeamRole.Marketing))
            return WebResponse.Page(StatusCodes.Status403Forbidden, Notices.Render(new(t["AnswerTitle"], t["LinkInvalid"], [t["LinkInvalidText"]], Language: t.Language)));
        var side = member.Role == TeamRole.Manager ? AgreementSide.Sales : AgreementSide.Marketing;
        string? message = null;
        var status = StatusCodes.Status200OK;
        if (HttpMethods.IsPost(request.Method))
        {
            if (await RequestBody.ReadAsync(request, 1024, allowJson: false, cancellationToken) is not SubmittedForm.Fields { Values: var fields })
                return WebResponse.Problem(StatusCodes.Status400BadRequest, "The form could not be read.");
            var by = $"{member.Name} ({member.Id})";
            var userAgent = request.Headers.UserAgent.ToString();
            var outcome = fields.GetValueOrDefault("action") switch
            {
                "approve" => (await agreement.ApproveAsync(link.Value.ProposalId, side, by, userAgent, cancellationToken)).Outcome,
                "decline" => await agreement.CloseAsync(link.Value.ProposalId, ProposalState.Declined, side, by, userAgent, cancellationToken),
                _ => (ProposalOutcome?)null,
            };
            if (outcome is null) return WebResponse.Problem(StatusCodes.Status400BadRequest, "Invalid answer.", errors: new Dictionary<string, string[]> { ["action"] = ["action must be approve or decline."] });
            (status, message) = outcome switch
            {
                ProposalOutcome.Done => (StatusCodes.Status200OK, t["Answered"]),
                ProposalOutcome.SameSide => (StatusCodes.Status403Forbidden, t["AnswerSameSide"]),
                ProposalOutcome.NotFound => (StatusCodes.Status404NotFound, t["AnswerGone"]),
                _ => (StatusCodes.Status409Conflict, t["AnswerClosed"]),
            };
        }
        var state = await agreement.CurrentAsync(cancellationToken);
        var proposal = state.Proposals.FirstOrDefault(p => p.Id == link.Value.ProposalId);
        if (proposal is null) return WebResponse.Page(StatusCodes.Status404NotFound, Notices.Render(new(t["AnswerTitle"], t["AnswerGone"], [], Language: t.Language)));
        var before = proposal.Version is { } v ? state.Versions.First(x => x.Number == v - 1).Terms : state.Latest.Terms;
        return WebResponse.Page(status, HtmlTemplates.Render<AnswerPage, AnswerPage.Data>(new(
            t, proposal, before.Changes(proposal.Terms), agreement.NextWeek().Id, calendar.TimeZone, "?t=" + Uri.EscapeDataString(token), "/api/staff/agreement", message)));
    }
}
