using System.Text;
using LeadHandoff.Calendar;
using LeadHandoff.Functions.Http;
using LeadHandoff.Intake;
using LeadHandoff.Leads;
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
    // The worker makes a function class per invocation, so this is the one request's view.
    private bool _onlyUndecided;

    [Function(nameof(QualifyBatch))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "batch")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        _onlyUndecided = request.Query["show"] == "undecided";
        return DecisionFlow.RunAsync(request, qualification, this, async token => await qualification.OpenBatchAsync(token, cancellationToken) switch
        {
            BatchAccess.Granted granted => (granted, null),
            BatchAccess.Refused refused => (null, refused.Why),
            _ => (null, Refusal.Forbidden),
        }, cancellationToken);
    }

    public bool NamesLead => true;

    public string? LeadOf(BatchAccess.Granted access, IReadOnlyDictionary<string, string>? fields) =>
        fields?.GetValueOrDefault("lead") is { } leadId && access.Leads.Any(l => l.Id == leadId) ? leadId : null;

    public Task<DecisionResult> DecideAsync(BatchAccess.Granted access, string leadId, DecisionRequest decision, CancellationToken cancellationToken) =>
        qualification.DecideAsync(access.Window, leadId, access.OwnerId, decision, cancellationToken);

    public WebResponse Render(string token, BatchAccess.Granted access, string? focusLead, string? done, FieldErrors? errors, int status, IReadOnlyDictionary<string, string>? entered = null) =>
        Page(token, access, focusLead, done, errors, status, entered, _onlyUndecided);

    /// <summary>
    /// Undecided leads first, each with its form; decided ones after, folded to one line (their form
    /// a tap away); <c>show=undecided</c> leaves them out. Each form posts back to its own lead
    /// (<c>#lead-…</c>), so a refused decision reopens beside the error, not at the top.
    /// </summary>
    private WebResponse Page(string token, BatchAccess.Granted access, string? focusLead, string? done, FieldErrors? errors, int status, IReadOnlyDictionary<string, string>? entered, bool onlyUndecided)
    {
        var undecided = access.Leads.Where(l => l.Decision is null).ToList();
        var decided = access.Leads.Where(l => l.Decision is not null).ToList();
        var self = $"?t={Uri.EscapeDataString(token)}";
        var body = new StringBuilder()
            .Append($"<h1>Your leads in batch {H(access.Window.Id)}</h1>")
            .Append($"<p>{Count(access.Leads.Count, "lead")}, {undecided.Count} still to decide. Decide by <strong>{H(Local(access.Window.DeadlineAt, calendar.TimeZone))}</strong>.</p>");
        if (decided.Count > 0 && undecided.Count > 0)
            body.Append(onlyUndecided
                ? $"<p><a href=\"{H(self)}\">Show all {access.Leads.Count}, decided ones too</a></p>"
                : $"<p><a href=\"{H(self + "&show=undecided")}\">Show only the {undecided.Count} still to decide</a></p>");
        if (access.Leads.Count == 0) body.Append("<div class=\"card\"><p>No leads are assigned to you in this batch.</p></div>");
        foreach (var lead in undecided) Section(lead, open: true);
        if (!onlyUndecided)
        {
            if (decided.Count > 0) body.Append($"<h2>Decided ({decided.Count})</h2>");
            foreach (var lead in decided) Section(lead, open: false);
        }
        return WebResponse.Page(status, PageLayout.Render($"Batch {access.Window.Id}", body.ToString()));

        void Section(Lead lead, bool open)
        {
            var focused = lead.Id == focusLead;
            var form = DecisionForm.Form($"{self}#lead-{lead.Id}", "-" + lead.Id, lead, qualification.Reasons, lead.Id, focused ? entered : null);
            body.Append($"<section class=\"card\" id=\"lead-{H(lead.Id)}\" aria-labelledby=\"h-{H(lead.Id)}\">")
                .Append($"<h2 id=\"h-{H(lead.Id)}\">{H(lead.Details.Company)} <span class=\"muted\">· {H(lead.Details.Name)}</span></h2>")
                .Append(focused ? DecisionForm.Banner(done) + DecisionForm.Errors(errors) : "");
            if (open || focused)
                body.Append(DecisionForm.Details(lead)).Append(DecisionForm.State(lead, qualification.Reasons, calendar.TimeZone)).Append(form);
            else
                body.Append(DecisionForm.State(lead, qualification.Reasons, calendar.TimeZone))
                    .Append("<details><summary>Details, or change the decision</summary>").Append(DecisionForm.Details(lead)).Append(form).Append("</details>");
            body.Append("</section>");
        }
    }
}
