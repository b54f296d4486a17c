using LeadHandoff.Functions.Http;
using LeadHandoff.Functions.Qualification;
using LeadHandoff.Functions.Staff;
using LeadHandoff.Html;
using LeadHandoff.Leads;
using LeadHandoff.Qualification;
using LeadHandoff.Reassignment;
using LeadHandoff.Team;
using LeadHandoff.Weeks;
using Microsoft.AspNetCore.Http;

namespace LeadHandoff.Functions.TeamWeek;

/// <summary>
/// The manager's week, shown and acted on, however the manager got there (the escalation email's
/// signed link, or staff sign-in): GET shows <see cref="TeamWeekPage"/>; POST acts, then redirects
/// back: <c>action=reassign</c> (one lead, <c>lead</c>, <c>to</c>), <c>reassign-all</c> (every
/// undecided lead of <c>from</c>, <c>to</c>), or <c>decide</c> (<c>lead</c> and the decision
/// fields: recorded as the manager's decision, credited to the lead's owner).
/// </summary>
public sealed class TeamWeekActions(QualificationService qualification, ReassignmentService reassignment, LeadRouter router, SlaCalendar calendar, TimeProvider time, Microsoft.Extensions.Options.IOptions<LeadHandoff.Email.EmailOptions> email)
{
    /// <summary>Who a decision made here is recorded as.</summary>
    public const string Manager = "manager";

    /// <param name="self">The page's own address, query included: forms post to it and actions return to it.</param>
    public async Task<WebResponse> HandleAsync(HttpRequest request, TeamAccess.Granted team, string self, CancellationToken cancellationToken)
    {
        await router.RefreshAsync(cancellationToken);
        // The signed-in member's language; through the escalation's link, the sales manager's.
        var t = TeamPageText.For(request.HttpContext.Items[Staff.StaffRequest.LanguageItem] as string ?? router.LanguageOf([email.Value.SalesManagerEmail]));
        if (!HttpMethods.IsPost(request.Method))
            return Page(request, t, team, self, request.Query["done"].ToString() is { Length: > 0 } done ? done : null, error: false, StatusCodes.Status200OK);

        if (await RequestBody.ReadAsync(request, 16 * 1024, allowJson: false, cancellationToken) is not SubmittedForm.Fields { Values: var fields })
            return Page(request, t, team, self, t["FormUnreadable"], error: true, StatusCodes.Status400BadRequest);
        var undecided = team.Leads.Where(l => l.Decision is null).ToList();
        string? Field(string name) => fields.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;
        var back = self.Contains('?', StringComparison.Ordinal) ? self + "&" : self + "?";
        switch (Field("action"))
        {
            case "reassign" or "reassign-all":
                var ids = Field("action") == "reassign"
                    ? undecided.Where(l => l.Id == Field("lead")).Select(l => l.Id).ToList()
                    : undecided.Where(l => l.OwnerId == Field("from")).Select(l => l.Id).ToList();
                if (ids.Count == 0) return Page(request, t, team, self, t["NothingToMove"], error: true, StatusCodes.Status422UnprocessableEntity);
                var moved = await reassignment.ReassignAsync(team.Window, ids, Field("to") ?? "", "sales manager", cancellationToken);
                if (moved is null) return Page(request, t, team, self, t["ChooseAvailable"], error: true, StatusCodes.Status422UnprocessableEntity);
                return WebResponse.SeeOther($"{back}done={Uri.EscapeDataString(t["MovedDone", moved.Moved, moved.To.Name] + (moved.Skipped > 0 ? t["MovedSkipped", moved.Skipped] : ""))}");
            case "decide":
                var lead = team.Leads.FirstOrDefault(l => l.Id == Field("lead"));
                if (lead?.OwnerId is not { } owner) return Page(request, t, team, self, t["NoSuchLead"], error: true, StatusCodes.Status422UnprocessableEntity);
                var (decision, problems) = qualification.Parse(fields);
                if (decision is null) return Page(request, t, team, self, t["NotRecorded", string.Join(" ", problems.In(ValidationText.For(t.Language)))], error: true, StatusCodes.Status400BadRequest);
                var result = await qualification.DecideAsync(team.Window, lead.Id, owner, decision with { UserAgent = QualificationResponses.UserAgentOf(request) }, cancellationToken, decidedBy: Manager);
                return WebResponse.SeeOther($"{back}done={Uri.EscapeDataString(result switch
                {
                    DecisionResult.Recorded or DecisionResult.Changed => t["DecidedFor", router.Find(owner)?.Name ?? owner],
                    DecisionResult.AlreadyRecorded => t["Already"],
                    _ => t["Conflict"],
                })}#lead-{lead.Id}");
            default:
                return Page(request, t, team, self, t["UnknownAction"], error: true, StatusCodes.Status400BadRequest);
        }
    }

    private WebResponse Page(HttpRequest request, TeamPageText t, TeamAccess.Granted team, string self, string? message, bool error, int status) =>
        WebResponse.Page(status, HtmlTemplates.Render<TeamWeekPage, TeamWeekPage.Data>(new(
            t, RepPageText.For(t.Language), team.Window.Id, team.Window.DeadlineAt, time.GetUtcNow(), calendar.TimeZone, Reps(t, team.Leads), router.Owners.Where(o => router.CanOwn(o.Id)).OrderBy(o => o.Name, StringComparer.OrdinalIgnoreCase).ToList(),
            qualification.Reasons, Manager, self, message, error, StaffForms.TokenOf(request))));

    /// <summary>Per rep, most undecided first; each rep's undecided leads before the decided, by company.</summary>
    private List<TeamWeekPage.Rep> Reps(TeamPageText t, IReadOnlyList<Lead> leads) =>
        [.. leads.GroupBy(l => l.OwnerId ?? "").OrderByDescending(g => g.Count(l => l.Decision is null)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(rep =>
        {
            var owner = router.Find(rep.Key);
            var name = owner?.Name ?? (rep.Key.Length == 0 ? t["NotAssigned"] : rep.Key);
            var away = rep.Key.Length > 0 && !router.IsAvailable(rep.Key) ? t[owner is null ? "Gone" : "Away"] : "";
            return new TeamWeekPage.Rep(rep.Key, name + away, name, [.. rep.OrderBy(l => l.Decision is not null).ThenBy(l => l.Details.Company, StringComparer.OrdinalIgnoreCase)]);
        })];
}
