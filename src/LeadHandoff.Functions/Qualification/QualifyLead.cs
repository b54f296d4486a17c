using LeadHandoff.Functions.Http;
using LeadHandoff.Html;
using LeadHandoff.Qualification;
using LeadHandoff.Team;
using LeadHandoff.Weeks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LeadHandoff.Functions.Qualification;

/// <summary>
/// <c>/api/qualify?t=…</c>: one lead and its decision form, following <see cref="DecisionFlow"/>.
/// Anonymous: the signed token is the credential.
/// </summary>
public sealed class QualifyLead(QualificationService qualification, SlaCalendar calendar, LeadRouter router) : IDecisionPage<LeadAccess.Granted>
{
    [Function(nameof(QualifyLead))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "qualify")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var access = await qualification.OpenLeadAsync(request.Query["t"].ToString(), cancellationToken);
        // The page speaks the rep's language, as their email did: the roster knows it.
        await router.RefreshAsync(cancellationToken);
        // Someone else's now: the old link says whose, and changes nothing.
        if (access is LeadAccess.Reassigned moved)
        {
            var t = RepPageText.For(router.Find(moved.LinkOwnerId)?.Language);
            return WebResponse.Page(StatusCodes.Status410Gone, Notices.Render(new(t["ReassignedTitle"], t["ReassignedHeading"], [t["ReassignedText", moved.NewOwnerName]], Language: t.Language)));
        }
        return await DecisionFlow.RunAsync(request, qualification, this, token => Task.FromResult<(LeadAccess.Granted?, Refusal?)>(access switch
        {
            LeadAccess.Granted granted => (granted, null),
            LeadAccess.Refused refused => (null, refused.Why),
            _ => (null, Refusal.Forbidden),
        }), cancellationToken);
    }

    public bool NamesLead => false;

    public string? LeadOf(LeadAccess.Granted access, IReadOnlyDictionary<string, string>? fields) => access.Lead.Id;

    public Task<DecisionResult> DecideAsync(LeadAccess.Granted access, string leadId, DecisionRequest decision, CancellationToken cancellationToken) =>
        qualification.DecideAsync(access.Window, access.Lead, access.Version, access.OwnerId, decision, cancellationToken);

    public WebResponse Render(string token, LeadAccess.Granted access, string? focusLead, string? done, FieldErrors? errors, int status, IReadOnlyDictionary<string, string>? entered = null) =>
        Page(token, access, done, errors, status, entered);

    private WebResponse Page(string token, LeadAccess.Granted access, string? done, FieldErrors? errors, int status, IReadOnlyDictionary<string, string>? entered) =>
        WebResponse.Page(status, HtmlTemplates.Render<LeadPage, LeadPage.Data>(new(
            RepPageText.For(router.Find(access.OwnerId)?.Language), access.Lead, access.Window.DeadlineAt, calendar.TimeZone, qualification.Reasons, $"?t={Uri.EscapeDataString(token)}", done, errors, entered)));
}
