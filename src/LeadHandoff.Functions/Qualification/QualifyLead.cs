using LeadHandoff.Functions.Http;
using LeadHandoff.Intake;
using LeadHandoff.Qualification;
using LeadHandoff.Calendar;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using static LeadHandoff.Email.EmailText;

namespace LeadHandoff.Functions.Qualification;

/// <summary>
/// <c>/api/qualify?t=…</c>: one lead and its decision form. GET and HEAD only read (mail scanners
/// prefetch every link); POST records the decision, then redirects back (post/redirect/get).
/// Anonymous: the signed token is the credential.
/// </summary>
public sealed class QualifyLead(QualificationService qualification, SlaCalendar calendar)
{
    [Function(nameof(QualifyLead))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "qualify")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var token = request.Query["t"].ToString();
        var access = await qualification.OpenLeadAsync(token, cancellationToken);
        if (access is LeadAccess.Refused refused) return QualificationResponses.Refused(refused.Why);
        var granted = (LeadAccess.Granted)access;
        if (!HttpMethods.IsPost(request.Method)) return Page(token, granted, request.Query["done"], errors: null, StatusCodes.Status200OK);

        var (decision, errors, _) = await QualificationResponses.ReadDecisionAsync(request, qualification, cancellationToken);
        if (decision is null) return Page(token, granted, null, errors, StatusCodes.Status400BadRequest);

        var result = await qualification.DecideAsync(granted.Window, granted.Lead, granted.Version, granted.OwnerId, decision, cancellationToken);
        return result is DecisionResult.Refused gone ? QualificationResponses.Refused(gone.Why) : QualificationResponses.BackToPage(request, token, result);
    }

    private WebResponse Page(string token, LeadAccess.Granted access, string? done, FieldErrors? errors, int status)
    {
        var lead = access.Lead;
        var body = $"<h1>{H(lead.Details.Company)}</h1>{DecisionForm.Banner(done)}{DecisionForm.Errors(errors)}" +
                   $"<section class=\"card\" aria-labelledby=\"lead-h\"><h2 id=\"lead-h\">The lead</h2>{DecisionForm.Details(lead)}</section>" +
                   $"<section class=\"card\" aria-labelledby=\"state-h\"><h2 id=\"state-h\">Decision</h2>" +
                   $"<p class=\"muted\">Decide by {H(Local(access.Window.DeadlineAt, calendar.TimeZone))}.</p>" +
                   DecisionForm.State(lead, qualification.Reasons, calendar.TimeZone) +
                   DecisionForm.Form($"?t={Uri.EscapeDataString(token)}", "", lead, qualification.Reasons) + "</section>";
        return WebResponse.Page(status, PageLayout.Render($"Qualify {lead.Details.Company}", body));
    }
}
