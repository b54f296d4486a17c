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
/// <c>/api/batch?t=…</c>: all of one owner's leads in a batch, each with its own decision form, so a
/// rep can work through the list in one sitting. Same rules as the single-lead page.
/// </summary>
public sealed class QualifyBatch(QualificationService qualification, SlaCalendar calendar, LeadRouter router) : IDecisionPage<BatchAccess.Granted>
{
    // The worker makes a function class per invocation, so this is the one request's view.
    private bool _onlyUndecided;

    [Function(nameof(QualifyBatch))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "batch")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        _onlyUndecided = request.Query["show"] == "undecided";
        // The page speaks the rep's language, as their email did: the roster knows it.
        await router.RefreshAsync(cancellationToken);
        return await DecisionFlow.RunAsync(request, qualification, this, async token => await qualification.OpenBatchAsync(token, cancellationToken) switch
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

    private WebResponse Page(string token, BatchAccess.Granted access, string? focusLead, string? done, FieldErrors? errors, int status, IReadOnlyDictionary<string, string>? entered, bool onlyUndecided) =>
        WebResponse.Page(status, HtmlTemplates.Render<BatchPage, BatchPage.Data>(new(
            RepPageText.For(router.Find(access.OwnerId)?.Language), access.Window.Id, access.Window.DeadlineAt, calendar.TimeZone, access.Leads, qualification.Reasons,
            $"?t={Uri.EscapeDataString(token)}", onlyUndecided, focusLead, done, errors, entered)));
}
