using LeadHandoff.Functions.Http;
using LeadHandoff.Functions.Reviews;
using LeadHandoff.Functions.Scorecards;
using LeadHandoff.Functions.Staff;
using LeadHandoff.Functions.Team;
using LeadHandoff.Functions.TeamWeek;
using LeadHandoff.Functions.Webhooks;
using LeadHandoff.Html;
using LeadHandoff.Links;
using LeadHandoff.Qualification;
using LeadHandoff.Team;
using LeadHandoff.Weeks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Functions.StaffHome;

/// <summary>
/// <c>/api/staff/…</c>: the staff's pages behind sign-in (<see cref="StaffSignIn"/>) rather than a
/// key, each for the roles it serves: <c>team</c> (the manager's week: managers), <c>scorecard</c>
/// (marketing and managers), <c>review</c> (marketing), <c>roster</c> and <c>webhooks</c> (admins); admins open all.
/// Each page speaks the signed-in member's language (the roster's <c>Language</c>).
/// Not signed in: 401 with the way to sign in; signed in without the role: 403. The keyed routes
/// stay for scripts; every change posted here must come from the app's own origin with the form's
/// antiforgery token (<see cref="StaffForms"/>). Erasing and exporting personal data stay with the master key.
/// </summary>
public sealed partial class StaffPages(StaffSignIn signIn, StaffForms forms, QualificationService qualification, TeamWeekActions week, SlaCalendar calendar, IOptions<LinkOptions> links, TimeProvider time, IServiceProvider services, ILogger<StaffPages> logger)
{
    [Function(nameof(StaffPages))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "staff/{page?}")] HttpRequest request,
        string? page,
        CancellationToken cancellationToken)
    {
        var staff = await signIn.WhoAsync(request, cancellationToken);
        if (staff is null)
        {
            // Nobody known yet: the browser's language.
            var a = StaffPageText.For(BrowserLanguage.Of(request));
            return WebResponse.Page(StatusCodes.Status401Unauthorized, Notices.Render(new(a["SignInTitle"], a["SignInHeading"],
                [a["SignInForTeam"], a[signIn.PlatformAuthentication ? "SignInWork" : "SignInNotSetUp"], a["SignInNotOnRoster"]],
                Link: signIn.PlatformAuthentication ? ("/.auth/login/aad?post_login_redirect_uri=/api/staff", a["SignInButton"]) : null, Language: a.Language)));
        }
        var self = request.Path + request.QueryString.ToString();
        request.HttpContext.Items[StaffRequest.SignedInItem] = $"{staff.Name} ({staff.Email})";
        request.HttpContext.Items[StaffRequest.LanguageItem] = staff.Language;
        var t = StaffPageText.For(staff.Language);
        // A change posted from another site in a member's browser is refused before any page sees it.
        if (HttpMethods.IsPost(request.Method) && !SameOrigin.Allows(request, links.Value.BaseUrl))
        {
            LogCrossSite(logger, page ?? "");
            return WebResponse.Page(StatusCodes.Status403Forbidden, Notices.Render(new(t["CrossSiteTitle"], t["CrossSiteHeading"],
                [t["CrossSiteText"]], Link: ("/api/staff", t["HomeTitle"]), Language: t.Language)));
        }
        // And it must carry the token our page gave this member (an old tab's token, after the keys
        // were renewed, is refused the same way: the member reloads the page).
        StaffForms.SignIn(request.HttpContext, staff);
        if (!await forms.ValidAsync(request.HttpContext))
        {
            LogNoToken(logger, page ?? "");
            return WebResponse.Page(StatusCodes.Status403Forbidden, Notices.Render(new(t["FormTokenTitle"], t["FormTokenHeading"],
                [t["FormTokenText"]], Link: (self, t["FormTokenReload"]), Language: t.Language)));
        }
        forms.Issue(request.HttpContext);
        switch (page ?? "")
        {
            case "":
                return Home(staff, t, await ActivatorUtilities.GetServiceOrCreateInstance<LeadHandoff.Scorecards.ScorecardService>(services).ProgressAsync(cancellationToken));
            case "team" when staff.Is(TeamRole.Manager):
                var window = request.Query["window"].ToString() is { Length: > 0 } id ? calendar.WindowOf(id) : calendar.LatestClosedWindow(time.GetUtcNow());
                if (window is null)
                    return WebResponse.Problem(StatusCodes.Status400BadRequest, "Invalid week.", errors: new Dictionary<string, string[]> { ["window"] = ["window must be a batch week such as 2026-W50."] });
                return await week.HandleAsync(request, await qualification.OpenTeamWeekAsync(window, cancellationToken), self, cancellationToken);
            case "scorecard" when staff.Is(TeamRole.Marketing, TeamRole.Manager):
                return await ActivatorUtilities.CreateInstance<GetScorecard>(services).Run(request, cancellationToken);
            case "review" when staff.Is(TeamRole.Marketing):
                return await ActivatorUtilities.CreateInstance<ReviewQueue>(services).Run(request, cancellationToken);
            case "roster" when staff.Is():
                return await ActivatorUtilities.CreateInstance<TeamAdmin>(services).Run(request, cancellationToken);
            case "agreement":
                // Both teams' agreement: every member of staff reads it.
                return await ActivatorUtilities.CreateInstance<LeadHandoff.Functions.Agreement.AgreementActions>(services,
                    ActivatorUtilities.CreateInstance<LeadHandoff.Functions.Agreement.GetAgreement>(services)).HandleAsync(request, staff, cancellationToken);
            case "webhooks" when staff.Is():
                return await ActivatorUtilities.CreateInstance<WebhookAdmin>(services).Run(request, cancellationToken);
            case "team" or "scorecard" or "review" or "roster" or "webhooks":
                return WebResponse.Page(StatusCodes.Status403Forbidden, Notices.Render(new(t["RoleTitle"], t["RoleHeading"],
                    [t["RoleSignedInAs", staff.Name, string.Join(", ", staff.Roles)]], Link: ("/api/staff", t["HomeTitle"]), Language: t.Language)));
            default:
                return WebResponse.Page(StatusCodes.Status404NotFound, Notices.Render(new(t["NotFoundTitle"], t["NotFoundHeading"], [], Link: ("/api/staff", t["HomeTitle"]), Language: t.Language)));
        }
    }

    private static WebResponse Home(StaffMember staff, StaffPageText t, LeadHandoff.Scorecards.WeekProgress progress)
    {
        var links = new List<(string Href, string Label)> { ("/api/staff/agreement", t["LinkAgreement"]) };
        if (staff.Is(TeamRole.Manager)) links.Add(("/api/staff/team", t["LinkTeam"]));
        if (staff.Is(TeamRole.Marketing, TeamRole.Manager)) links.Add(("/api/staff/scorecard", t["LinkScorecard"]));
        if (staff.Is(TeamRole.Marketing)) links.Add(("/api/staff/review", t["LinkReview"]));
        if (staff.Is()) links.AddRange([("/api/staff/roster", t["LinkRoster"]), ("/api/staff/webhooks", t["LinkWebhooks"])]);
        return WebResponse.Page(StatusCodes.Status200OK, HtmlTemplates.Render<StaffHomePage, StaffHomePage.Data>(new(t, staff.Name, links) { Progress = progress }));
    }

    [LoggerMessage(Level = LogLevel.Warning, EventName = "StaffCrossSiteRefused", Message = "A change to the staff page '{Page}' was posted from another site and refused")]
    private static partial void LogCrossSite(ILogger logger, string page);

    [LoggerMessage(Level = LogLevel.Warning, EventName = "StaffFormTokenRefused", Message = "A change to the staff page '{Page}' came without the form's token, or with one this app did not give the member, and was refused")]
    private static partial void LogNoToken(ILogger logger, string page);
}
