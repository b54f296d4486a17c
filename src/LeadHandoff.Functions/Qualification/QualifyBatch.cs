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
public sealed class QualifyBatch(QualificationService qualification, SlaCalendar calendar) : IDecisionPage<BatchAccess.Granted>
{
    [Function(nameof(QualifyBatch))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "batch")] HttpRequest request,
        CancellationToken cancellationToken) =>
        DecisionFlow.RunAsync(request, qualification, this, async token => await qualification.OpenBatchAsync(token, cancellationToken) switch
        {
            BatchAccess.Granted granted => (granted, null),
            BatchAccess.Refused refused => (null, refused.Why),
            _ => (null, Refusal.Forbidden),
        }, cancellationToken);

    public bool NamesLead => true;

    public string? LeadOf(BatchAccess.Granted access, IReadOnlyDictionary<string, string>? fields) =>
        fields?.GetValueOrDefault("lead") is { } leadId && access.Leads.Any(l => l.Id == leadId) ? leadId : null;

    public Task<DecisionResult> DecideAsync(BatchAccess.Granted access, string leadId, DecisionRequest decision, CancellationToken cancellationToken) =>
        qualification.DecideAsync(access.Window, leadId, access.OwnerId, decision, cancellationToken);

    public WebResponse Render(string token, BatchAccess.Granted access, string? focusLead, string? done, FieldErrors? errors, int status) =>
        Page(token, access, focusLead, done, errors, status);

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
