using System.Text;
using LeadHandoff.Calendar;
using LeadHandoff.Functions.Http;
using LeadHandoff.Leads;
using LeadHandoff.Qualification;
using LeadHandoff.Routing;
using static LeadHandoff.Email.EmailText;

namespace LeadHandoff.Functions.Qualification;

/// <summary>
/// The manager's week: per rep, decided, undecided and late; each undecided lead with a form to
/// move it to another rep and one to decide it on the rep's behalf; and per rep, one form to move
/// all their undecided leads at once (a rep who is away or has left).
/// </summary>
public static class TeamWeekPage
{
    public static string Render(BatchWindow window, IReadOnlyList<Lead> leads, LeadRouter router, IReadOnlyList<RejectReasonOptions> reasons, DateTimeOffset now, TimeZoneInfo zone, string selfUrl, string? message, bool error)
    {
        var late = now > window.DeadlineAt;
        var reps = router.Owners.Where(o => router.CanOwn(o.Id)).OrderBy(o => o.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var body = new StringBuilder()
            .Append($"<h1>Your team's leads in batch {H(window.Id)}</h1>")
            .Append($"<p>Deadline: <strong>{H(Local(window.DeadlineAt, zone))}</strong>{(late ? ", passed" : "")}. ")
            .Append($"{Count(leads.Count, "lead")}, {leads.Count(l => l.Decision is null)} undecided.</p>");
        if (message is not null) body.Append(error ? $"<div class=\"errors\" role=\"alert\"><p>{H(message)}</p></div>" : $"<p class=\"status\" role=\"status\">{H(message)}</p>");
        foreach (var rep in leads.GroupBy(l => l.OwnerId ?? "").OrderByDescending(g => g.Count(l => l.Decision is null)).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var owner = router.Find(rep.Key);
            var name = owner?.Name ?? (rep.Key.Length == 0 ? "Not assigned yet" : rep.Key);
            var away = rep.Key.Length > 0 && !router.IsAvailable(rep.Key) ? (owner is null ? " (no longer on the team)" : " (away)") : "";
            var undecided = rep.Count(l => l.Decision is null);
            var others = reps.Where(r => r.Id != rep.Key).ToList();
            body.Append($"<section class=\"card\" aria-labelledby=\"rep-{H(rep.Key)}\"><h2 id=\"rep-{H(rep.Key)}\">{H(name + away)}</h2>")
                .Append($"<p>{rep.Count() - undecided} decided, {undecided} undecided{(late && undecided > 0 ? $", <strong>{undecided} late</strong>" : "")}.</p>");
            if (undecided > 0 && others.Count > 0 && rep.Key.Length > 0)
                body.Append($"<form method=\"post\" action=\"{H(selfUrl)}\"><input type=\"hidden\" name=\"action\" value=\"reassign-all\"><input type=\"hidden\" name=\"from\" value=\"{H(rep.Key)}\">")
                    .Append(Select($"all-{rep.Key}", $"Move all {undecided} undecided to", others))
                    .Append("<button type=\"submit\">Move them</button></form>");
            body.Append("<ul>");
            foreach (var lead in rep.OrderBy(l => l.Decision is not null).ThenBy(l => l.Details.Company, StringComparer.OrdinalIgnoreCase))
            {
                var state = lead.Decision is { } d ? DecisionForm.Label(d.Decision) + (d.DecidedBy == TeamWeekActions.Manager ? ", by the manager" : "") : late ? "Undecided, late" : "Undecided";
                body.Append($"<li id=\"lead-{H(lead.Id)}\"><strong>{H(lead.Details.Company)}</strong> · {H(lead.Details.Name)}: <span class=\"pill\">{H(state)}</span>");
                if (lead.OwnerHistory.Count > 0) body.Append($"<br><span class=\"muted\">Moved: {H(string.Join("; ", lead.OwnerHistory))}</span>");
                if (lead.Decision is null)
                {
                    body.Append("<details><summary>Move or decide</summary>");
                    if (others.Count > 0)
                        body.Append($"<form method=\"post\" action=\"{H(selfUrl)}\"><input type=\"hidden\" name=\"action\" value=\"reassign\"><input type=\"hidden\" name=\"lead\" value=\"{H(lead.Id)}\">")
                            .Append(Select($"to-{lead.Id}", "Move to", others))
                            .Append("<button type=\"submit\">Move</button></form>");
                    body.Append($"<p class=\"muted\">Decide for {H(name)} (recorded as the manager's decision):</p>")
                        .Append(DecisionForm.Form(selfUrl, "-" + lead.Id, lead, reasons, leadField: lead.Id, button: $"Decide for {name}", formAction: "decide"))
                        .Append("</details>");
                }
                body.Append("</li>");
            }
            body.Append("</ul></section>");
        }
        if (leads.Count == 0) body.Append("<div class=\"card\"><p>No leads in this batch.</p></div>");
        return PageLayout.Render($"Team, batch {window.Id}", body.ToString());
    }

    private static string Select(string id, string label, IReadOnlyList<Owner> reps) =>
        $"<label for=\"{H(id)}\">{H(label)}</label><select id=\"{H(id)}\" name=\"to\" required><option value=\"\">Choose a rep…</option>" +
        string.Concat(reps.Select(r => $"<option value=\"{H(r.Id)}\">{H(r.Name)}</option>")) + "</select>";
}
