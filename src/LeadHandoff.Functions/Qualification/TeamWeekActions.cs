using LeadHandoff.Calendar;
using LeadHandoff.Functions.Http;
using LeadHandoff.Html;
using LeadHandoff.Html.Pages;
using LeadHandoff.Leads;
using LeadHandoff.Qualification;
using LeadHandoff.Routing;
using LeadHandoff.Team;
using Microsoft.AspNetCore.Http;

namespace LeadHandoff.Functions.Qualification;

/// <summary>
/// The manager's week, shown and acted on, however the manager got there (the escalation email's
/// signed link, or staff sign-in): GET shows <see cref="TeamWeekPage"/>; POST acts, then redirects
/// back: <c>action=reassign</c> (one lead, <c>lead</c>, <c>to</c>), <c>reassign-all</c> (every
/// undecided lead of <c>from</c>, <c>to</c>), or <c>decide</c> (<c>lead</c> and the decision
/// fields: recorded as the manager's decision, credited to the lead's owner).
/// </summary>
public sealed class TeamWeekActions(QualificationService qualification, ReassignmentService reassignment, LeadRouter router, SlaCalendar calendar, TimeProvider time)
{
    /// <summary>Who a decision made here is recorded as.</summary>
    public const string Manager = "manager";

    /// <param name="self">The page's own address, query included: forms post to it and actions return to it.</param>
    public async Task<WebResponse> HandleAsync(HttpRequest request, TeamAccess.Granted team, string self, CancellationToken cancellationToken)
    {
        await router.RefreshAsync(cancellationToken);
        if (!HttpMethods.IsPost(request.Method))
            return Page(team, self, request.Query["done"].ToString() is { Length: > 0 } done ? done : null, error: false, StatusCodes.Status200OK);

        if (await RequestBody.ReadAsync(request, 16 * 1024, allowJson: false, cancellationToken) is not SubmittedForm.Fields { Values: var fields })
            return Page(team, self, "The form could not be read. Please submit it again.", error: true, StatusCodes.Status400BadRequest);
        var undecided = team.Leads.Where(l => l.Decision is null).ToList();
        string? Field(string name) => fields.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;
        var back = self.Contains('?', StringComparison.Ordinal) ? self + "&" : self + "?";
        switch (Field("action"))
        {
            case "reassign" or "reassign-all":
                var ids = Field("action") == "reassign"
                    ? undecided.Where(l => l.Id == Field("lead")).Select(l => l.Id).ToList()
                    : undecided.Where(l => l.OwnerId == Field("from")).Select(l => l.Id).ToList();
                if (ids.Count == 0) return Page(team, self, "There is no undecided lead of that rep in this batch to move.", error: true, StatusCodes.Status422UnprocessableEntity);
                var moved = await reassignment.ReassignAsync(team.Window, ids, Field("to") ?? "", "sales manager", cancellationToken);
                if (moved is null) return Page(team, self, "Choose a rep who is on the team and not away today.", error: true, StatusCodes.Status422UnprocessableEntity);
                return WebResponse.SeeOther($"{back}done={Uri.EscapeDataString($"Moved {moved.Moved} to {moved.To.Name}; they have been emailed the links." + (moved.Skipped > 0 ? $" {moved.Skipped} had been decided meanwhile and stayed." : ""))}");
            case "decide":
                var lead = team.Leads.FirstOrDefault(l => l.Id == Field("lead"));
                if (lead?.OwnerId is not { } owner) return Page(team, self, "That lead is not in this batch, or has no owner yet.", error: true, StatusCodes.Status422UnprocessableEntity);
                var (decision, problems) = qualification.Parse(fields);
                if (decision is null) return Page(team, self, "The decision was not recorded: " + string.Join(" ", problems.Messages), error: true, StatusCodes.Status400BadRequest);
                var result = await qualification.DecideAsync(team.Window, lead.Id, owner, decision, cancellationToken, decidedBy: Manager);
                return WebResponse.SeeOther($"{back}done={Uri.EscapeDataString(result switch
                {
                    DecisionResult.Recorded or DecisionResult.Changed => $"Decided for {router.Find(owner)?.Name ?? owner}: recorded as your decision.",
                    DecisionResult.AlreadyRecorded => "That decision was already recorded.",
                    _ => "Someone recorded a decision at the same moment; this is the lead's decision now.",
                })}#lead-{lead.Id}");
            default:
                return Page(team, self, "Unknown action: choose move or decide.", error: true, StatusCodes.Status400BadRequest);
        }
    }

    private WebResponse Page(TeamAccess.Granted team, string self, string? message, bool error, int status) =>
        WebResponse.Page(status, HtmlTemplates.Render<TeamWeekPage, TeamWeekPage.Data>(new(
            team.Window.Id, team.Window.DeadlineAt, time.GetUtcNow(), calendar.TimeZone, Reps(team.Leads), router.Owners.Where(o => router.CanOwn(o.Id)).OrderBy(o => o.Name, StringComparer.OrdinalIgnoreCase).ToList(),
            qualification.Reasons, Manager, self, message, error)));

    /// <summary>Per rep, most undecided first; each rep's undecided leads before the decided, by company.</summary>
    private List<TeamWeekPage.Rep> Reps(IReadOnlyList<Lead> leads) =>
        [.. leads.GroupBy(l => l.OwnerId ?? "").OrderByDescending(g => g.Count(l => l.Decision is null)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(rep =>
        {
            var owner = router.Find(rep.Key);
            var name = owner?.Name ?? (rep.Key.Length == 0 ? "Not assigned yet" : rep.Key);
            var away = rep.Key.Length > 0 && !router.IsAvailable(rep.Key) ? (owner is null ? " (no longer on the team)" : " (away)") : "";
            return new TeamWeekPage.Rep(rep.Key, name + away, name, [.. rep.OrderBy(l => l.Decision is not null).ThenBy(l => l.Details.Company, StringComparer.OrdinalIgnoreCase)]);
        })];
}
