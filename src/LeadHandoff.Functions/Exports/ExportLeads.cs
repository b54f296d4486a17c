using LeadHandoff.Exports;
using LeadHandoff.Functions.Http;
using LeadHandoff.Leads;
using LeadHandoff.Privacy;
using LeadHandoff.Qualification;
using LeadHandoff.Team;
using LeadHandoff.Weeks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LeadHandoff.Functions.Exports;

/// <summary>
/// <c>GET /api/leads/export?window=2026-W50&amp;format=csv|json</c>: a batch week's leads with
/// their decisions, for marketing's automation tool. Behind this function's own key (one for
/// marketing, none shared with the privacy endpoints); every export is audited, with counts only.
/// </summary>
public sealed class ExportLeads(LeadStore leads, SlaCalendar calendar, LeadRouter router, QualificationService qualification, AuditLog audit, TimeProvider time)
{
    [Function(nameof(ExportLeads))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "leads/export")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var window = calendar.WindowOf(request.Query["window"].ToString());
        if (window is null)
            return WebResponse.Problem(StatusCodes.Status400BadRequest, "Invalid export request.", errors: new Dictionary<string, string[]> { ["window"] = ["window must be a batch week such as 2026-W50."] });
        var format = request.Query["format"].ToString() is { Length: > 0 } f ? f.ToLowerInvariant() : "json";
        if (format is not ("csv" or "json"))
            return WebResponse.Problem(StatusCodes.Status400BadRequest, "Invalid export request.", errors: new Dictionary<string, string[]> { ["format"] = ["format must be csv or json."] });

        var stored = new List<Lead>();
        await foreach (var lead in leads.ListAsync(window.Id, cancellationToken)) stored.Add(lead);
        var reasons = qualification.Reasons.ToDictionary(r => r.Id, r => r.Label);
        var rows = WindowExport.From(stored, id => router.Find(id)?.Name ?? id, id => reasons.GetValueOrDefault(id, id));
        await audit.AuditAsync(new AuditRecord($"export-week {window.Id} ({format})", time.GetUtcNow(), "", 1, rows.Count, 0, 0), cancellationToken);

        return format == "csv"
            ? new WebResponse(StatusCodes.Status200OK, WindowExport.CsvContentType, WindowExport.Csv(rows))
                .WithHeader("Content-Disposition", $"attachment; filename=\"leads-{window.Id}.csv\"")
                .WithHeader("Cache-Control", "no-store")
            : WebResponse.JsonBody(StatusCodes.Status200OK, new { week = window.Id, leads = rows }).WithHeader("Cache-Control", "no-store");
    }
}
