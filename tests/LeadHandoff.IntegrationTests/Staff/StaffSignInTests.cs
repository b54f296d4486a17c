using System.Text;
using System.Text.Json;
using LeadHandoff.Functions.Staff;
using LeadHandoff.Functions.StaffHome;
using LeadHandoff.Team;
using LeadHandoff.Tests.Batches;
using LeadHandoff.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadHandoff.Tests.Staff;

/// <summary>
/// Staff pages behind sign-in: the platform's client-principal header counts only where App
/// Service authentication is on (<c>WEBSITE_AUTH_ENABLED</c>), the person must be on the roster,
/// and each page serves its roles; locally a development sign-in stands in, and it cannot start
/// on App Service or outside Development.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StaffSignInTests(AzuriteFixture azurite)
{
    private async Task<BatchScenario> ScenarioAsync(bool platformAuth = true, string? developmentUser = null)
    {
        var week = BatchScenario.Create(azurite.ConnectionString, s =>
        {
            if (platformAuth) s["WEBSITE_AUTH_ENABLED"] = "True";
            s["StaffSignIn:TenantId"] = StaffPrincipals.Tenant;
            if (developmentUser is not null) s["StaffSignIn:DevelopmentUser"] = developmentUser;
        });
        var admin = week.App.Get<TeamAdminService>();
        Assert.Equal(0, (await admin.SaveMemberAsync(new TeamMember("mgr-1", "Morgan Manager", "manager@example.com", TeamRole.Manager), CancellationToken.None)).Count);
        Assert.Equal(0, (await admin.SaveMemberAsync(new TeamMember("mkt-1", "Mia Marketing", "marketing@example.com", TeamRole.Marketing), CancellationToken.None)).Count);
        await StaffPrincipals.BindEveryoneAsync(week);
        return week;
    }

    private static string Principal(string email, params string[] roles) => StaffPrincipals.Principal(email, roles);

    private static Task<TestResponse> GetAsync(BatchScenario week, string page, string? principal = null, string? acceptLanguage = null) =>
        SendAsync(week, new TestRequest("GET", null, []), page, principal, acceptLanguage);

    /// <summary>A form posted from the page as the member opened it: with its antiforgery cookie and token.</summary>
    private static async Task<TestResponse> PostAsync(BatchScenario week, string page, string principal, Dictionary<string, string> form)
    {
        var opened = await StaffPrincipals.OpenFormAsPrincipalAsync(week.App, page, principal);
        return await SendAsync(week, LeadRequests.UrlEncoded(opened.With(form)), page, principal, cookie: opened.Cookie);
    }

    private static Task<TestResponse> SendAsync(BatchScenario week, TestRequest request, string page, string? principal, string? acceptLanguage = null, string? cookie = null)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (cookie is not null) headers["Cookie"] = cookie;
        if (principal is not null) headers[StaffSignIn.PrincipalHeader] = principal;
        if (acceptLanguage is not null) headers["Accept-Language"] = acceptLanguage;
        return week.App.SendAsync(request with { Target = "/api/staff/" + page, Headers = headers },
            http => week.App.Function<StaffPages>().Run(http, page, CancellationToken.None));
    }

    [Fact]
    public async Task Each_page_serves_its_roles_and_says_so_to_the_others()
    {
        await using var week = await ScenarioAsync();
        var manager = Principal("Manager@Example.com");
        var marketing = Principal("marketing@example.com");

        Assert.Equal(200, (await GetAsync(week, "team", manager)).Status);
        Assert.Contains("Your team's leads in batch", System.Net.WebUtility.HtmlDecode((await GetAsync(week, "team", manager)).Body));
        Assert.Equal(403, (await GetAsync(week, "team", marketing)).Status);
        Assert.Equal(200, (await GetAsync(week, "scorecard", marketing)).Status);
        Assert.Equal(200, (await GetAsync(week, "scorecard", manager)).Status);
        Assert.Equal(200, (await GetAsync(week, "review", marketing)).Status);
        Assert.Equal(403, (await GetAsync(week, "roster", manager)).Status);
        var rep = await GetAsync(week, "scorecard", Principal("rita@example.com"));
        Assert.Equal(403, rep.Status);
        Assert.Contains("You are signed in as Rita Rep (Rep)", rep.Body);
        Assert.Contains("/api/staff/team", (await GetAsync(week, "", manager)).Body);
    }

    [Fact]
    public async Task An_entra_app_role_decides_the_role_and_someone_not_on_the_roster_is_not_let_in()
    {
        await using var week = await ScenarioAsync();
        Assert.Equal(200, (await GetAsync(week, "roster", Principal("rita@example.com", "Admin"))).Status);
        var stranger = await GetAsync(week, "team", Principal("stranger@elsewhere.example", "Admin"));
        Assert.Equal(401, stranger.Status);
        Assert.Contains("not on the team's roster", System.Net.WebUtility.HtmlDecode(stranger.Body));
        Assert.Equal(401, (await GetAsync(week, "team", "not base64 at all")).Status);
    }

    [Fact]
    public async Task An_email_claim_never_decides_who_someone_is()
    {
        await using var week = await ScenarioAsync();
        var attacker = Guid.NewGuid().ToString();
        // The admin's address first, in every email-like claim, on an object id of the attacker's own.
        var impersonation = StaffPrincipals.Header([("preferred_username", "manager@example.com"), ("email", "manager@example.com"),
            ("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn", "manager@example.com"), (StaffSignIn.TenantClaim, StaffPrincipals.Tenant), (StaffSignIn.ObjectIdClaim, attacker), ("roles", "Admin")]);
        var otherTenant = StaffPrincipals.Header([(StaffSignIn.TenantClaim, Guid.NewGuid().ToString()), (StaffSignIn.ObjectIdClaim, StaffPrincipals.Oid("manager@example.com"))]);
        var twoPeople = StaffPrincipals.Header([(StaffSignIn.TenantClaim, StaffPrincipals.Tenant), (StaffSignIn.ObjectIdClaim, StaffPrincipals.Oid("manager@example.com")), ("oid", attacker)]);
        var noObjectId = StaffPrincipals.Header([("preferred_username", "manager@example.com"), (StaffSignIn.TenantClaim, StaffPrincipals.Tenant)]);

        foreach (var forged in new[] { impersonation, otherTenant, twoPeople, noObjectId })
            Assert.Equal(401, (await GetAsync(week, "roster", forged)).Status);
        Assert.Equal(200, (await GetAsync(week, "team", Principal("manager@example.com"))).Status); // the real one, by object id
    }

    [Fact]
    public async Task An_admin_records_a_members_object_id_and_sign_in_then_knows_them()
    {
        await using var week = await ScenarioAsync();
        var admin = week.App.Get<TeamAdminService>();
        var newcomer = new TeamMember("mgr-2", "Nina New", "nina@example.com", TeamRole.Manager);
        Assert.Equal(0, (await admin.SaveMemberAsync(newcomer, CancellationToken.None)).Count);
        Assert.Equal(401, (await GetAsync(week, "team", Principal("nina@example.com"))).Status); // on the roster, not yet known by Entra

        var saved = await PostAsync(week, "roster", Principal("rita@example.com", "Admin"), new()
        {
            ["action"] = "save-member", ["id"] = "mgr-2", ["name"] = "Nina New", ["email"] = "nina@example.com", ["role"] = "Manager", ["language"] = "en", ["active"] = "on",
            ["objectId"] = StaffPrincipals.Oid("nina@example.com"),
        });
        Assert.NotEqual(422, saved.Status);
        Assert.Equal(200, (await GetAsync(week, "team", Principal("nina@example.com"))).Status);

        // A later change that leaves the id blank keeps it; an id already someone else's is refused.
        Assert.Equal(0, (await admin.SaveMemberAsync(newcomer with { Name = "Nina Newer" }, CancellationToken.None)).Count);
        Assert.Equal(200, (await GetAsync(week, "team", Principal("nina@example.com"))).Status);
        var taken = await admin.SaveMemberAsync(newcomer with { ObjectId = StaffPrincipals.Oid("manager@example.com") }, CancellationToken.None);
        Assert.Equal(["This Entra object id belongs to another member."], taken.In(ValidationText.English));
    }

    [Fact]
    public async Task Without_platform_authentication_a_forged_principal_header_is_ignored()
    {
        await using var week = await ScenarioAsync(platformAuth: false);
        var forged = await GetAsync(week, "roster", Principal("manager@example.com", "Admin"));
        Assert.Equal(401, forged.Status);
        Assert.Contains("Sign-in is not set up on this deployment", forged.Body);
    }

    [Fact]
    public async Task Locally_the_development_sign_in_stands_in_for_entra()
    {
        await using var week = await ScenarioAsync(platformAuth: false, developmentUser: "manager@example.com");
        Assert.Equal(200, (await GetAsync(week, "team")).Status);
        Assert.Equal(403, (await GetAsync(week, "roster")).Status);
    }

    [Fact]
    public void The_development_sign_in_refuses_to_start_on_app_service_naming_the_setting()
    {
        var onAppService = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["WEBSITE_INSTANCE_ID"] = "abc123" }).Build();
        var validator = new DevelopmentSignInOnlyLocally(new ServiceCollection().BuildServiceProvider(), onAppService);

        var result = validator.Validate(null, new StaffSignInOptions { DevelopmentUser = "manager@example.com" });

        Assert.True(result.Failed);
        Assert.Contains("StaffSignIn:DevelopmentUser is a local development sign-in and cannot be used on App Service", result.FailureMessage);
        Assert.True(validator.Validate(null, new StaffSignInOptions()).Succeeded);
    }

    [Fact]
    public async Task A_signed_in_manager_moves_a_lead_from_the_staff_page()
    {
        await using var week = await ScenarioAsync();
        var (lead, to) = await StaffPrincipals.OneSentLeadAsync(week);

        var opened = await StaffPrincipals.OpenFormAsync(week.App, "team", "manager@example.com", "?window=2026-W50");
        var form = LeadRequests.UrlEncoded(opened.With(new Dictionary<string, string> { ["action"] = "reassign", ["lead"] = lead.Id, ["to"] = to })) with
        {
            Target = "/api/staff/team?window=2026-W50",
            Headers = new(StringComparer.OrdinalIgnoreCase) { [StaffSignIn.PrincipalHeader] = Principal("manager@example.com"), ["Cookie"] = opened.Cookie },
        };
        var moved = await week.App.SendAsync(form, http => week.App.Function<StaffPages>().Run(http, "team", CancellationToken.None));

        Assert.Equal(303, moved.Status);
        Assert.StartsWith("/api/staff/team?window=2026-W50&done=Moved%201", moved.Header("Location"));
        Assert.Equal(to, Assert.Single(await week.App.LeadsAsync()).OwnerId);
    }

    [Fact]
    public async Task A_signed_in_member_who_reads_thai_gets_the_scorecard_and_the_teams_week_in_thai()
    {
        await using var week = await ScenarioAsync();
        var admin = week.App.Get<TeamAdminService>();
        await admin.SaveMemberAsync(new TeamMember("mgr-1", "สมศักดิ์", "manager@example.com", TeamRole.Manager, Language: "th"), CancellationToken.None);
        var manager = Principal("manager@example.com");

        Task<TestResponse> ScorecardPageAsync(string principal) =>
            week.App.SendAsync(new TestRequest("GET", null, []) { Target = "/api/staff/scorecard", Headers = new(StringComparer.OrdinalIgnoreCase) { [StaffSignIn.PrincipalHeader] = principal, ["Accept"] = "text/html" } },
                http => week.App.Function<StaffPages>().Run(http, "scorecard", CancellationToken.None));
        var scorecard = await ScorecardPageAsync(manager);
        var team = await GetAsync(week, "team", manager);
        var english = await ScorecardPageAsync(Principal("marketing@example.com"));

        Assert.Equal(200, scorecard.Status);
        Assert.Contains("<html lang=\"th\">", scorecard.Body);
        Assert.Contains("<h1>สรุปผลงาน", scorecard.Body);
        Assert.Contains("<html lang=\"th\">", team.Body);
        Assert.Contains("ลีดของทีมคุณในรอบ", team.Body);
        Assert.Contains("<html lang=\"en\">", english.Body); // Mia reads English
        Assert.Contains("<h1>Scorecard", english.Body);
    }

    [Fact]
    public async Task A_thai_admin_gets_every_staff_page_in_thai_and_a_refused_change_back_in_thai_with_what_was_typed()
    {
        await using var week = await ScenarioAsync();
        await week.App.Get<TeamAdminService>().SaveMemberAsync(new TeamMember("adm-1", "อนันต์", "admin@example.com", TeamRole.Admin, Language: "th", ObjectId: StaffPrincipals.Oid("admin@example.com")), CancellationToken.None);
        var admin = Principal("admin@example.com");

        var home = System.Net.WebUtility.HtmlDecode((await GetAsync(week, "", admin)).Body);
        var review = System.Net.WebUtility.HtmlDecode((await GetAsync(week, "review", admin)).Body);
        var webhooks = System.Net.WebUtility.HtmlDecode((await GetAsync(week, "webhooks", admin)).Body);
        var refused = await PostAsync(week, "roster", admin, new() { ["action"] = "save-member", ["id"] = "rep-9", ["name"] = "นิด", ["email"] = "not-an-address", ["role"] = "Rep", ["language"] = "th", ["backup"] = "nobody" });
        var roster = System.Net.WebUtility.HtmlDecode(refused.Body);

        Assert.Contains("<html lang=\"th\">", home);
        Assert.Contains("<h1>สวัสดี อนันต์</h1>", home);
        Assert.Contains(">ทีมและกฎการส่งต่อลีด</a>", home);
        Assert.Contains(">เว็บฮุกขาออก</a>", home);
        Assert.Contains("<html lang=\"th\">", review);
        Assert.Contains("<h1>คิวตรวจสอบ: สัปดาห์ ", review);
        Assert.Contains("สัปดาห์นี้ไม่มีแบบฟอร์มที่ถูกกักไว้", review);
        Assert.Contains("<html lang=\"th\">", webhooks);
        Assert.Contains("<h1>เว็บฮุกขาออก</h1>", webhooks);
        Assert.Equal(422, refused.Status);
        Assert.Contains("<html lang=\"th\">", roster);
        Assert.Contains("<strong>ยังไม่ได้บันทึกการเปลี่ยนแปลง</strong>", roster);
        Assert.Contains("<li>อีเมลต้องเป็นที่อยู่อีเมล</li>", roster);
        Assert.Contains("<li>ผู้รับงานแทน 'nobody' ต้องเป็นคนอื่นในทีม</li>", roster);
        Assert.Contains("name=\"name\" required value=\"นิด\"", roster);
        Assert.Contains("<option value=\"th\" lang=\"th\" selected>", roster);
        foreach (var page in new[] { home, review, webhooks, roster })
        {
            Assert.DoesNotContain("Review queue", page);
            Assert.DoesNotContain("must be", page);
            Assert.DoesNotContain("Save member", page);
        }
        Assert.Null((await week.App.Get<TeamAdminService>().CurrentAsync(CancellationToken.None)).Member("rep-9"));
    }

    [Fact]
    public async Task Someone_not_yet_signed_in_whose_browser_asks_for_thai_is_told_how_to_sign_in_in_thai()
    {
        await using var week = await ScenarioAsync();

        var thai = await GetAsync(week, "team", acceptLanguage: "th-TH,th;q=0.9,en;q=0.8");
        var english = await GetAsync(week, "team", acceptLanguage: "en-GB,en;q=0.9,th;q=0.8");

        Assert.Equal(401, thai.Status);
        Assert.Contains("<html lang=\"th\">", thai.Body);
        Assert.Contains("เข้าสู่ระบบด้วยบัญชีที่ทำงาน", System.Net.WebUtility.HtmlDecode(thai.Body));
        Assert.Contains("<html lang=\"en\">", english.Body);
        Assert.Contains("Sign in with your work account", english.Body);
    }
}
