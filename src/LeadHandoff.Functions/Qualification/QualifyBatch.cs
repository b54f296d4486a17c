using System.Text;
using LeadHandoff.Calendar;
using LeadHandoff.Functions.Http;
using LeadHandoff.Intake;
using LeadHandoff.Qualification;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using static LeadHandoff.Email.EmailText;

namespace LeadHandoff.Functions.Qualification;

/// <summary>
/// <c>/api/batch?t=…</c>: all of one owner's leads in a batch, each with its own decision form, so a
/// rep can work through the list in one sitting. Same rules as the single-lead page.
/// </summary>
public sealed class QualifyBatch(QualificationService qualification, SlaCalendar calendar)
{
    [Function(nameof(QualifyBatch))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "batch")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var token = request.Query["t"].ToString();
        var access = await qualification.OpenBatchAsync(token, cancellationToken);
        if (access is BatchAccess.Refused refused) return QualificationResponses.Refused(refused.Why);
        var granted = (BatchAccess.Granted)access;
        if (!HttpMethods.IsPost(request.Method)) return Page(token, granted, request.Query["lead"], request.Query["done"], null, StatusCodes.Status200OK);

        var (decision, errors, fields) = await QualificationResponses.ReadDecisionAsync(request, qualification, cancellationToken);
        var leadId = fields?.GetValueOrDefault("lead") ?? "";
        // The token covers this owner's leads in this batch, and nothing else.
        if (!granted.Leads.Any(l => l.Id == leadId)) return QualificationResponses.Refused(Refusal.Forbidden);
        if (decision is null) return Page(token, granted, leadId, null, errors, StatusCodes.Status400BadRequest);

        var result = await qualification.DecideAsync(granted.Window, leadId, granted.OwnerId, decision, cancellationToken);
        return result is DecisionResult.Refused gone ? QualificationResponses.Refused(gone.Why) : QualificationResponses.BackToPage(request, token, result, leadId);
    }

    private WebResponse Page(string token, BatchAccess.Granted access, string? focusLead, string? done, FieldErrors? errors, int status)
    {
        var undecided = access.Leads.Count(l => l.Decision is null);
        var body = new StringBuilder()
            .Append($"<h1>Your leads in batch {H(access.Window.Id)}</h1>")
            .Append($"<p>{access.Leads.Count} leads, {undecided} still to decide. Decide by <strong>{H(Local(access.Window.DeadlineAt, calendar.TimeZone))}</strong>.</p>");
        if (access.Leads.Count == 0) body.Append("<div class=\"card\"><p>No leads are assigned to you in this batch.</p></div>");
        foreach (var lead in access.Leads)
        {
            var focused = lead.Id == focusLead;
            body.Append($"<section class=\"card\" id=\"lead-{H(lead.Id)}\" aria-labelledby=\"h-{H(lead.Id)}\">")
                .Append($"<h2 id=\"h-{H(lead.Id)}\">{H(lead.Details.Company)} <span class=\"muted\">· {H(lead.Details.Name)}</span></h2>")
                .Append(focused ? DecisionForm.Banner(done) + DecisionForm.Errors(errors) : "")
                .Append(DecisionForm.Details(lead))
                .Append(DecisionForm.State(lead, qualification.Reasons, calendar.TimeZone))
                .Append(DecisionForm.Form($"?t={Uri.EscapeDataString(token)}", "-" + lead.Id, lead, qualification.Reasons, lead.Id))
                .Append("</section>");
        }
        return WebResponse.Page(status, PageLayout.Render($"Batch {access.Window.Id}", body.ToString()));
    }
}
