using System.Text;
using LeadHandoff.Calendar;
using LeadHandoff.Functions.Http;
using LeadHandoff.Leads;
using LeadHandoff.Qualification;
using LeadHandoff.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using static LeadHandoff.Email.EmailText;

namespace LeadHandoff.Functions.Qualification;

/// <summary>
/// <c>GET /api/team?t=…</c>: the sales manager's view of one batch week, from the link in the
/// escalation email. Per rep: decided, undecided and late, then each lead with its state, so the
/// manager sees who to chase. Read only for now: reassigning and deciding on a rep's behalf need
/// staff sign-in, which comes with the roster in storage.
/// </summary>
public sealed class TeamPage(QualificationService qualification, LeadRouter router, SlaCalendar calendar, TimeProvider time)
{
    [Function(nameof(TeamPage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "team")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var access = await qualification.OpenTeamAsync(request.Query["t"].ToString(), cancellationToken);
        if (access is not TeamAccess.Granted team) return QualificationResponses.Refused(access is TeamAccess.Refused refused ? refused.Why : Refusal.Forbidden);

        var now = time.GetUtcNow();
        var late = now > team.Window.DeadlineAt;
        var body = new StringBuilder()
            .Append($"<h1>Your team's leads in batch {H(team.Window.Id)}</h1>")
            .Append($"<p>Deadline: <strong>{H(Local(team.Window.DeadlineAt, calendar.TimeZone))}</strong>{(late ? ", passed" : "")}. ")
            .Append($"{Count(team.Leads.Count, "lead")}, {team.Leads.Count(l => l.Decision is null)} undecided.</p>");
        foreach (var rep in team.Leads.GroupBy(l => l.OwnerId ?? "").OrderByDescending(g => g.Count(l => l.Decision is null)).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var name = router.Find(rep.Key)?.Name ?? (rep.Key.Length == 0 ? "Not assigned yet" : rep.Key);
            var undecided = rep.Count(l => l.Decision is null);
            body.Append($"<section class=\"card\" aria-labelledby=\"rep-{H(rep.Key)}\"><h2 id=\"rep-{H(rep.Key)}\">{H(name)}</h2>")
                .Append($"<p>{rep.Count() - undecided} decided, {undecided} undecided{(late && undecided > 0 ? $", <strong>{undecided} late</strong>" : "")}.</p><ul>");
            foreach (var lead in rep.OrderBy(l => l.Decision is not null).ThenBy(l => l.Details.Company, StringComparer.OrdinalIgnoreCase))
            {
                var state = lead.Decision is { } d ? DecisionForm.Label(d.Decision) : late ? "Undecided, late" : "Undecided";
                body.Append($"<li id=\"lead-{H(lead.Id)}\"><strong>{H(lead.Details.Company)}</strong> · {H(lead.Details.Name)}: <span class=\"pill\">{H(state)}</span></li>");
            }
            body.Append("</ul></section>");
        }
        if (team.Leads.Count == 0) body.Append("<div class=\"card\"><p>No leads in this batch.</p></div>");
        return WebResponse.Page(StatusCodes.Status200OK, PageLayout.Render($"Team, batch {team.Window.Id}", body.ToString()));
    }
}
