using System.Text.RegularExpressions;
using LeadHandoff.Functions.Invitations;
using LeadHandoff.Functions.Staff;
using LeadHandoff.Functions.StaffHome;
using LeadHandoff.Invitations;
using LeadHandoff.Team;
using LeadHandoff.Testing;
using LeadHandoff.Tests.Batches;
using LeadHandoff.Tests.Infrastructure;

namespace LeadHandoff.Tests.Staff;

/// <summary>
/// A member binds their own work account: an admin invites them from the roster page, the link goes
/// to their roster address, and opening it signed in (then pressing the button on the app's page)
/// records their object id, once. Another site cannot press the button, a used, replaced or
/// expired link binds nothing, and an account that is someone else's already is refused.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StaffInvitationTests(AzuriteFixture azurite)
{
    private const string OwnOrigin = "https://leadhandoff.example.net";
    private static readonly Guid NinasAccount = Guid.Parse("5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a");

    private async Task<BatchScenario> ScenarioAsync()
    {
        var week = BatchScenario.Create(azurite.ConnectionString, s =>
        {
            s["WEBSITE_AUTH_ENABLED"] = "True";
            s["StaffSignIn:TenantId"] = StaffPrincipals.Tenant;
        });
        var admin = week.App.Get<TeamAdminService>();
        Assert.Equal(0, (await admin.SaveMemberAsync(new TeamMember("adm-1", "Ada Admin", "admin@example.com", TeamRole.Admin), CancellationToken.None)).Count);
        await StaffPrincipals.BindEveryoneAsync(week);
        Assert.Equal(0, (await admin.SaveMemberAsync(new TeamMember("mgr-2", "นีน่า", "nina@example.com", TeamRole.Manager, Language: "th"), CancellationToken.None)).Count);
        return week;
    }

    private static string Account(Guid objectId) => StaffPrincipals.Header([("preferred_username", "whoever@example.com"), (StaffSignIn.TenantClaim, StaffPrincipals.Tenant), (StaffSignIn.ObjectIdClaim, objectId.ToString())]);

    /// <summary>The admin presses "Send invitation" on the roster page; the link from the email that reached the member.</summary>
    private static async Task<string> InviteAsync(BatchScenario week, string memberId)
    {
        var opened = await StaffPrincipals.OpenFormAsync(week.App, "roster", "admin@example.com");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [StaffSignIn.PrincipalHeader] = StaffPrincipals.Principal("admin@example.com"), ["Cookie"] = opened.Cookie, ["Origin"] = OwnOrigin };
        var sent = await week.App.SendAsync(LeadRequests.UrlEncoded(opened.With(new() { ["action"] = "invite", ["member"] = memberId })) with { Target = "/api/staff/roster", Headers = headers },
            http => week.App.Function<StaffPages>().Run(http, "roster", CancellationToken.None));
        Assert.Equal(200, sent.Status);
        var mail = week.SendGrid.To("nina@example.com").Last();
        return Regex.Match(mail.Text, @"https://\S+/api/staff-invitation\?t=\S+").Value;
    }

    private static Task<TestResponse> OpenAsync(BatchScenario week, string link, string method, string? account, string? origin = OwnOrigin)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (account is not null) headers[StaffSignIn.PrincipalHeader] = account;
        if (origin is not null && method == "POST") headers["Origin"] = origin;
        var request = method == "POST" ? LeadRequests.UrlEncoded(new Dictionary<string, string>()) : new TestRequest("GET", null, []);
        return week.App.SendAsync(request with { Target = new Uri(link).PathAndQuery, Headers = headers },
            http => week.App.Function<AcceptInvitation>().Run(http, CancellationToken.None));
    }

    private static async Task<int> StaffHomeAsync(BatchScenario week, Guid account) =>
        (await week.App.SendAsync(new TestRequest("GET", null, []) { Target = "/api/staff", Headers = new(StringComparer.OrdinalIgnoreCase) { [StaffSignIn.PrincipalHeader] = Account(account) } },
            http => week.App.Function<StaffPages>().Run(http, null, CancellationToken.None))).Status;

    [Fact]
    public async Task An_invited_member_opens_the_emailed_link_signed_in_and_is_known_by_that_account_from_then_on()
    {
        await using var week = await ScenarioAsync();
        Assert.Equal(401, await StaffHomeAsync(week, NinasAccount));

        var link = await InviteAsync(week, "mgr-2");
        var mail = week.SendGrid.To("nina@example.com").Last();
        Assert.Contains("ผูกบัญชีงานของฉัน", mail.Html); // in her roster language
        var notSignedIn = await OpenAsync(week, link, "GET", account: null);
        Assert.Equal(401, notSignedIn.Status);
        Assert.Contains("post_login_redirect_uri=" + Uri.EscapeDataString(new Uri(link).PathAndQuery), notSignedIn.Body); // signing in comes back here
        var page = await OpenAsync(week, link, "GET", Account(NinasAccount));
        Assert.Equal(200, page.Status);
        Assert.Contains("นีน่า", System.Net.WebUtility.HtmlDecode(page.Body));
        Assert.Null((await week.App.Get<TeamAdminService>().CurrentAsync(CancellationToken.None)).Member("mgr-2")!.ObjectId); // a GET binds nothing

        var accepted = await OpenAsync(week, link, "POST", Account(NinasAccount));

        Assert.Equal(303, accepted.Status);
        Assert.Equal("/api/staff", accepted.Header("Location"));
        Assert.Equal(200, await StaffHomeAsync(week, NinasAccount));
        Assert.Contains("Member mgr-2 bound their work account through an invitation", week.App.Logs.All);
        // The link worked once: pressed again by her it just goes in; by anyone else it binds nothing.
        Assert.Equal(303, (await OpenAsync(week, link, "POST", Account(NinasAccount))).Status);
        var other = Guid.NewGuid();
        Assert.Equal(410, (await OpenAsync(week, link, "POST", Account(other))).Status);
        Assert.Equal(401, await StaffHomeAsync(week, other));
    }

    [Fact]
    public async Task Another_sites_form_cannot_press_the_button_in_the_members_browser()
    {
        await using var week = await ScenarioAsync();
        var link = await InviteAsync(week, "mgr-2");

        var refused = await OpenAsync(week, link, "POST", Account(NinasAccount), origin: "https://evil.example");

        Assert.Equal(403, refused.Status);
        Assert.Null((await week.App.Get<TeamAdminService>().CurrentAsync(CancellationToken.None)).Member("mgr-2")!.ObjectId);
    }

    [Fact]
    public async Task A_newer_invitation_voids_the_older_link_and_an_old_link_expires_after_seven_days()
    {
        await using var week = await ScenarioAsync();
        var first = await InviteAsync(week, "mgr-2");
        var second = await InviteAsync(week, "mgr-2");

        Assert.Equal(410, (await OpenAsync(week, first, "POST", Account(NinasAccount))).Status);
        Assert.Null((await week.App.Get<TeamAdminService>().CurrentAsync(CancellationToken.None)).Member("mgr-2")!.ObjectId);

        week.App.Time.Advance(StaffInvitations.Lifetime + TimeSpan.FromMinutes(1));
        Assert.Equal(410, (await OpenAsync(week, second, "POST", Account(NinasAccount))).Status);
        Assert.Null((await week.App.Get<TeamAdminService>().CurrentAsync(CancellationToken.None)).Member("mgr-2")!.ObjectId);
    }

    [Fact]
    public async Task An_account_already_another_members_is_refused_and_a_forged_link_binds_nothing()
    {
        await using var week = await ScenarioAsync();
        var link = await InviteAsync(week, "mgr-2");
        var admins = Guid.Parse(StaffPrincipals.Oid("admin@example.com"));

        Assert.Equal(409, (await OpenAsync(week, link, "POST", Account(admins))).Status);
        var forged = link.Replace("t=", "t=x", StringComparison.Ordinal);
        Assert.Equal(403, (await OpenAsync(week, forged, "POST", Account(NinasAccount))).Status);
        Assert.Null((await week.App.Get<TeamAdminService>().CurrentAsync(CancellationToken.None)).Member("mgr-2")!.ObjectId);
    }

    [Fact]
    public async Task Accepting_again_after_the_answer_was_lost_is_recognised_as_done()
    {
        await using var week = await ScenarioAsync();
        var link = await InviteAsync(week, "mgr-2");
        var token = Uri.UnescapeDataString(new Uri(link).Query[3..]);
        var invitations = week.App.Get<StaffInvitations>();

        Assert.Equal(InvitationCheck.Accepted, await invitations.AcceptAsync(token, NinasAccount, CancellationToken.None));
        // The browser never saw that answer and sends the same click again.
        Assert.Equal(InvitationCheck.Accepted, await invitations.AcceptAsync(token, NinasAccount, CancellationToken.None));
        Assert.Equal(NinasAccount.ToString(), (await week.App.Get<TeamAdminService>().CurrentAsync(CancellationToken.None)).Member("mgr-2")!.ObjectId);
    }
}
