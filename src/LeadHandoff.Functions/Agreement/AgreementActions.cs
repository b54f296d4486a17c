using LeadHandoff.Agreement;
using LeadHandoff.Functions.Http;
using LeadHandoff.Functions.Staff;
using LeadHandoff.Team;
using Microsoft.AspNetCore.Http;

namespace LeadHandoff.Functions.Agreement;

/// <summary>
/// The signed-in staff's side of <c>/api/staff/agreement</c>: the page with the forms their side
/// may use, and its POSTs (<c>action=propose</c>, <c>approve</c>, <c>decline</c>, <c>withdraw</c>).
/// A manager acts for sales and marketing for marketing; an admin may propose for either, but
/// answers for neither. A change made redirects back (303) saying so; one refused shows the page
/// again with the reason and what was typed.
/// </summary>
public sealed class AgreementActions(AgreementService agreement, GetAgreement page)
{
    public async Task<WebResponse> HandleAsync(HttpRequest request, StaffMember staff, CancellationToken cancellationToken)
    {
        var side = staff.Roles.Contains(TeamRole.Manager) ? AgreementSide.Sales : staff.Roles.Contains(TeamRole.Marketing) ? AgreementSide.Marketing : (AgreementSide?)null;
        var viewer = new AgreementViewer(staff.Name, side, staff.Roles.Contains(TeamRole.Admin), "/api/staff/agreement", StaffForms.TokenOf(request));
        if (!HttpMethods.IsPost(request.Method)) return await page.PageAsync(request, viewer, null, StatusCodes.Status200OK, null, null, cancellationToken);

        if (await RequestBody.ReadAsync(request, 8 * 1024, allowJson: false, cancellationToken) is not SubmittedForm.Fields { Values: var fields })
            return WebResponse.Problem(StatusCodes.Status400BadRequest, "The form could not be read.");
        var by = $"{staff.Name} ({staff.MemberId})";
        var userAgent = request.Headers.UserAgent.ToString();
        var proposalId = fields.GetValueOrDefault("proposal") ?? "";
        switch (fields.GetValueOrDefault("action"))
        {
            case "propose" when viewer.MayPropose:
                var forSide = side ?? (Enum.TryParse<AgreementSide>(fields.GetValueOrDefault("side"), ignoreCase: true, out var chosen) && Enum.IsDefined(chosen) ? chosen : (AgreementSide?)null);
                var current = (await agreement.CurrentAsync(cancellationToken)).Latest.Terms;
                var (terms, errors) = AgreementForm.Read(fields, current);
                if (forSide is null) errors.Add("side", "AgreementSide");
                if (errors.Count == 0)
                {
                    (errors, var proposal) = await agreement.ProposeAsync(terms, forSide!.Value, by, fields.GetValueOrDefault("note") ?? "", userAgent, cancellationToken);
                    if (proposal is not null) return Done("Proposed");
                }
                return await page.PageAsync(request, viewer, null, StatusCodes.Status422UnprocessableEntity, errors, fields, cancellationToken);
            case "approve" when side is not null:
                return Answer((await agreement.ApproveAsync(proposalId, side.Value, by, userAgent, cancellationToken)).Outcome, "Approved");
            case "decline" when side is not null:
                return Answer(await agreement.CloseAsync(proposalId, ProposalState.Declined, side.Value, by, userAgent, cancellationToken), "Declined");
            case "withdraw" when side is not null:
                return Answer(await agreement.CloseAsync(proposalId, ProposalState.Withdrawn, side.Value, by, userAgent, cancellationToken), "Withdrawn");
            default:
                return WebResponse.Problem(StatusCodes.Status403Forbidden, "Not yours to do.", "A manager answers for sales and marketing for marketing; an admin may propose for either side but answers for neither.");
        }
    }

    private static WebResponse Done(string key) => WebResponse.SeeOther($"/api/staff/agreement?done={key}#proposal");

    private static WebResponse Answer(ProposalOutcome outcome, string done) => outcome switch
    {
        ProposalOutcome.Done => Done(done),
        ProposalOutcome.NotFound => WebResponse.Problem(StatusCodes.Status404NotFound, "No such proposal."),
        ProposalOutcome.SameSide => WebResponse.Problem(StatusCodes.Status403Forbidden, "Not this side's to do.", "The other side's head approves or declines a change; only the proposing side withdraws it."),
        _ => WebResponse.Problem(StatusCodes.Status409Conflict, "The proposal is not open.", "It was approved, declined or withdrawn already."),
    };
}
