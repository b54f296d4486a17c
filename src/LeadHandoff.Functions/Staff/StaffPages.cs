using LeadHandoff.Calendar;
using LeadHandoff.Functions.Http;
using LeadHandoff.Functions.Qualification;
using LeadHandoff.Functions.Reviews;
using LeadHandoff.Functions.Scorecards;
using LeadHandoff.Functions.Team;
using LeadHandoff.Qualification;
using LeadHandoff.Team;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using LeadHandoff.Html;
using LeadHandoff.Html.Pages;

namespace LeadHandoff.Functions.Staff;

/// <summary>
/// <c>/api/staff/…</c>: the staff's pages behind sign-in (<see cref="StaffSignIn"/>) rather than a
/// key, each for the roles it serves: <c>team</c> (the manager's week: managers), <c>scorecard</c>
/// (marketing and managers), <c>review</c> (marketing), <c>roster</c> (admins); admins open all.
/// Not signed in: 401 with the way to sign in; signed in without the role: 403. The keyed routes
/// stay for scripts; erasing and exporting personal data stay with the master key.
/// </summary>
public sealed class StaffPages(StaffSignIn signIn, QualificationService qualification, TeamWeekActions week, SlaCalendar calendar, TimeProvider time, IServiceProvider services)
{
    /// <summary>Where a page reached through here finds who is signed in (the review queue's audit names them).</summary>
    public const string SignedInItem = "LeadHandoff.StaffMember";

    /// <summary>Where a page reached through here finds the signed-in member's language (en or th).</summary>
    public const string LanguageItem = "LeadHandoff.StaffLanguage";

    [Function(nameof(StaffPages))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "staff/{page?}")] HttpRequest request,
        string? page,
        CancellationToken cancellationToken)
    {
        var staff = await signIn.WhoAsync(request, cancellationToken);
        if (staff is null)
            return WebResponse.Page(StatusCodes.Status401Unauthorized, Notices.Render(new("Sign in", "Sign in to continue",
                [
                    "These pages are for the sales and marketing team.",
                    signIn.PlatformAuthentication ? "Sign in with your work account:" : "Sign-in is not set up on this deployment: use the links in your emails, or ask an admin.",
                    "If you are signed in and still see this, you are not on the team's roster yet: ask an admin.",
                ],
                Link: signIn.PlatformAuthentication ? ("/.auth/login/aad?post_login_redirect_uri=/api/staff", "Sign in with your work account") : null)));
        var self = request.Path + request.QueryString.ToString();
        request.HttpContext.Items[SignedInItem] = $"{staff.Name} ({staff.Email})";
        request.HttpContext.Items[LanguageItem] = staff.Language;
        switch (page ?? "")
        {
            case "":
                return Home(staff);
            case "team" when staff.Is(TeamRole.Manager):
                var window = request.Query["window"].ToString() is { Length: > 0 } id ? calendar.WindowOf(id) : LatestBatchWindow();
                if (window is null)
                    return WebResponse.Problem(StatusCodes.Status400BadRequest, "Invalid week.", errors: new Dictionary<string, string[]> { ["window"] = ["window must be a batch week such as 2026-W50."] });
                return await week.HandleAsync(request, await qualification.OpenTeamWeekAsync(window, cancellationToken), self, cancellationToken);
            case "scorecard" when staff.Is(TeamRole.Marketing, TeamRole.Manager):
                return await ActivatorUtilities.CreateInstance<GetScorecard>(services).Run(request, cancellationToken);
            case "review" when staff.Is(TeamRole.Marketing):
                return await ActivatorUtilities.CreateInstance<ReviewQueue>(services).Run(request, cancellationToken);
            case "roster" when staff.Is():
                return await ActivatorUtilities.CreateInstance<TeamAdmin>(services).Run(request, cancellationToken);
            case "team" or "scorecard" or "review" or "roster":
                return WebResponse.Page(StatusCodes.Status403Forbidden, Notices.Render(new("Not for your role", "This page is not for your role",
                    [$"You are signed in as {staff.Name} ({string.Join(", ", staff.Roles)})."], Link: ("/api/staff", "Your pages"))));
            default:
                return WebResponse.Page(StatusCodes.Status404NotFound, Notices.Render(new("Not found", "No such page", [], Link: ("/api/staff", "Your pages"))));
        }
    }

    /// <summary>The week whose batch went out most recently: what a manager looks at by default.</summary>
    private BatchWindow LatestBatchWindow() => calendar.WindowContaining(calendar.WindowContaining(time.GetUtcNow()).OpensAt.AddTicks(-1));

    private static WebResponse Home(StaffMember staff)
    {
        var links = new List<(string Href, string Label)>();
        if (staff.Is(TeamRole.Manager)) links.Add(("/api/staff/team", "The team's week: move leads, decide for a rep"));
        if (staff.Is(TeamRole.Marketing, TeamRole.Manager)) links.Add(("/api/staff/scorecard", "The scorecard"));
        if (staff.Is(TeamRole.Marketing)) links.Add(("/api/staff/review", "The review queue"));
        if (staff.Is()) links.Add(("/api/staff/roster", "The team and its routing rules"));
        return WebResponse.Page(StatusCodes.Status200OK, HtmlTemplates.Render<StaffHomePage, StaffHomePage.Data>(new(staff.Name, links)));
    }
}
