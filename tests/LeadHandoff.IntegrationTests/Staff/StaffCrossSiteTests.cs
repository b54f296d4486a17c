using LeadHandoff.Functions.Staff;
using LeadHandoff.Functions.StaffHome;
using LeadHandoff.Team;
using LeadHandoff.Tests.Batches;
using LeadHandoff.Tests.Infrastructure;

namespace LeadHandoff.Tests.Staff;

/// <summary>
/// A signed-in member's browser carries their sign-in to any form another site posts to us. Every
/// staff change is refused (403, nothing changed) unless the browser says it came from the app's
/// own pages (Origin, or Sec-Fetch-Site without it) with the antiforgery token that page gave the
/// same member; the same change from the app's page is made.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StaffCrossSiteTests(AzuriteFixture azurite)
{
    private const string OwnOrigin = "https://leadhandoff.example.net"; // Links:BaseUrl in the test settings

    private static readonly Dictionary<string, string> AddAnAdmin = new()
    {
        ["action"] = "save-member", ["id"] = "evil-1", ["name"] = "Eve", ["email"] = "eve@evil.example", ["role"] = "Admin", ["language"] = "en",
    };

    private static string Principal(string email) => StaffPrincipals.Principal(email);

    private async Task<BatchScenario> ScenarioAsync()
    {
        var week = BatchScenario.Create(azurite.ConnectionString, s =>
        {
            s["WEBSITE_AUTH_ENABLED"] = "True";
            s["StaffSignIn:TenantId"] = StaffPrincipals.Tenant;
        });
        var admin = week.App.Get<TeamAdminService>();
        Assert.Equal(0, (await admin.SaveMemberAsync(new TeamMember("adm-1", "Ada Admin", "admin@example.com", TeamRole.Admin), CancellationToken.None)).Count);
        Assert.Equal(0, (await admin.SaveMemberAsync(new TeamMember("mgr-1", "Morgan Manager", "manager@example.com", TeamRole.Manager), CancellationToken.None)).Count);
        await StaffPrincipals.BindEveryoneAsync(week);
        return week;
    }

    /// <summary>A post in <paramref name="who"/>'s browser, carrying the cookie and token of the page they opened unless <paramref name="form"/> says otherwise.</summary>
    private static async Task<TestResponse> PostAsync(BatchScenario week, string page, string who, Dictionary<string, string> form, Dictionary<string, string> from, string query = "", StaffPrincipals.StaffForm? opened = null, bool withToken = true)
    {
        opened ??= await StaffPrincipals.OpenFormAsync(week.App, page, who, query);
        var headers = new Dictionary<string, string>(from, StringComparer.OrdinalIgnoreCase) { [StaffSignIn.PrincipalHeader] = Principal(who), ["Cookie"] = opened.Cookie };
        var request = LeadRequests.UrlEncoded(withToken ? opened.With(form) : form) with { Target = "/api/staff/" + page + query, Headers = headers };
        return await week.App.SendAsync(request, http => week.App.Function<StaffPages>().Run(http, page, CancellationToken.None));
    }

    public static TheoryData<string, string?, string?> OtherSites => new()
    {
        { "another site's Origin", "https://evil.example", "cross-site" },
        { "a sibling subdomain", "https://evil.leadhandoff.example.net", "same-site" },
        { "an opaque origin (a sandboxed frame)", "null", "cross-site" },
        { "no Origin, Sec-Fetch-Site cross-site", null, "cross-site" },
        { "the right host over plain http", "http://leadhandoff.example.net", "cross-site" },
    };

    [Theory]
    [MemberData(nameof(OtherSites))]
    public async Task A_form_another_site_posts_in_an_admins_browser_adds_no_admin(string _, string? origin, string? fetchSite)
    {
        await using var week = await ScenarioAsync();
        var from = new Dictionary<string, string>();
        if (origin is not null) from["Origin"] = origin;
        if (fetchSite is not null) from["Sec-Fetch-Site"] = fetchSite;

        var response = await PostAsync(week, "roster", "admin@example.com", AddAnAdmin, from);

        Assert.Equal(403, response.Status);
        Assert.Contains("The form came from another website", System.Net.WebUtility.HtmlDecode(response.Body));
        Assert.Null((await week.App.Get<TeamAdminService>().CurrentAsync(CancellationToken.None)).Member("evil-1"));
        Assert.Contains("A change to the staff page 'roster' was posted from another site and refused", week.App.Logs.All);
    }

    [Fact]
    public async Task The_same_change_from_the_apps_own_page_is_made()
    {
        await using var week = await ScenarioAsync();

        var response = await PostAsync(week, "roster", "admin@example.com", AddAnAdmin, FromOwnPage);

        Assert.NotEqual(403, response.Status);
        Assert.Equal("Eve", (await week.App.Get<TeamAdminService>().CurrentAsync(CancellationToken.None)).Member("evil-1")?.Name);
    }

    [Fact]
    public async Task A_cross_site_post_to_the_managers_week_moves_no_lead()
    {
        await using var week = await ScenarioAsync();
        var (lead, to) = await StaffPrincipals.OneSentLeadAsync(week);
        var move = new Dictionary<string, string> { ["action"] = "reassign", ["lead"] = lead.Id, ["to"] = to };

        var refused = await PostAsync(week, "team", "manager@example.com", move, new() { ["Origin"] = "https://evil.example" }, "?window=2026-W50");
        Assert.Equal(403, refused.Status);
        Assert.Equal(lead.OwnerId, Assert.Single(await week.App.LeadsAsync()).OwnerId);

        var moved = await PostAsync(week, "team", "manager@example.com", move, new() { ["Origin"] = OwnOrigin }, "?window=2026-W50");
        Assert.Equal(303, moved.Status);
        Assert.Equal(to, Assert.Single(await week.App.LeadsAsync()).OwnerId);
    }

    [Theory]
    [InlineData("review", "action", "release")]
    [InlineData("review", "action", "spam")]
    [InlineData("webhooks", "action", "enable")]
    [InlineData("agreement", "action", "propose")]
    public async Task A_cross_site_post_to_the_review_queue_and_the_webhook_page_is_refused_before_the_page_reads_it(string page, string field, string value)
    {
        await using var week = await ScenarioAsync();

        // Without the guard these forms name no submission or subscription and get 400 or 404 from the page itself.
        var response = await PostAsync(week, page, "admin@example.com", new() { [field] = value, ["submission"] = "x", ["subscription"] = "x" }, new() { ["Sec-Fetch-Site"] = "cross-site" });

        Assert.Equal(403, response.Status);
        Assert.Contains("The form came from another website", System.Net.WebUtility.HtmlDecode(response.Body));
    }

    private static readonly Dictionary<string, string> FromOwnPage = new() { ["Origin"] = OwnOrigin, ["Sec-Fetch-Site"] = "same-origin" };

    [Fact]
    public async Task A_post_from_the_apps_origin_without_the_pages_token_adds_no_admin()
    {
        await using var week = await ScenarioAsync();

        var response = await PostAsync(week, "roster", "admin@example.com", AddAnAdmin, FromOwnPage, withToken: false);

        Assert.Equal(403, response.Status);
        Assert.Contains("The form did not carry the check this app puts in its own pages", System.Net.WebUtility.HtmlDecode(response.Body));
        Assert.Null((await week.App.Get<TeamAdminService>().CurrentAsync(CancellationToken.None)).Member("evil-1"));
        Assert.Contains("A change to the staff page 'roster' came without the form's token", week.App.Logs.All);
    }

    [Fact]
    public async Task A_token_another_member_was_given_does_not_pass_for_the_admin()
    {
        await using var week = await ScenarioAsync();
        // The manager opens their week; their cookie and token, replayed in the admin's session, are not the admin's.
        await StaffPrincipals.OneSentLeadAsync(week);
        var managers = await StaffPrincipals.OpenFormAsync(week.App, "team", "manager@example.com", "?window=2026-W50");
        Assert.NotEmpty(managers.Token);

        var response = await PostAsync(week, "roster", "admin@example.com", AddAnAdmin, FromOwnPage, opened: managers);

        Assert.Equal(403, response.Status);
        Assert.Null((await week.App.Get<TeamAdminService>().CurrentAsync(CancellationToken.None)).Member("evil-1"));
    }

    [Fact]
    public async Task A_token_forged_from_the_cookie_alone_does_not_pass()
    {
        await using var week = await ScenarioAsync();
        var opened = await StaffPrincipals.OpenFormAsync(week.App, "roster", "admin@example.com");
        Assert.NotEmpty(opened.Token);

        // The cookie's value in the form field: the two halves are different tokens, so copying one is not the other.
        var response = await PostAsync(week, "roster", "admin@example.com", AddAnAdmin, FromOwnPage, opened: opened with { Token = opened.Cookie[(opened.Cookie.IndexOf('=') + 1)..] });

        Assert.Equal(403, response.Status);
        Assert.Null((await week.App.Get<TeamAdminService>().CurrentAsync(CancellationToken.None)).Member("evil-1"));
    }

    [Fact]
    public async Task A_form_one_instance_showed_is_taken_by_another_instance_on_the_same_storage()
    {
        await using var week = await ScenarioAsync();
        var opened = await StaffPrincipals.OpenFormAsync(week.App, "roster", "admin@example.com");
        // A second instance of the app: its own services and memory, the same tables (so the same key ring).
        await using var other = TestApp.Create(azurite.ConnectionString, s => { foreach (var (k, v) in week.App.Settings) s[k] = v; });

        var headers = new Dictionary<string, string>(FromOwnPage, StringComparer.OrdinalIgnoreCase) { [StaffSignIn.PrincipalHeader] = Principal("admin@example.com"), ["Cookie"] = opened.Cookie };
        var response = await other.SendAsync(LeadRequests.UrlEncoded(opened.With(AddAnAdmin)) with { Target = "/api/staff/roster", Headers = headers },
            http => other.Function<StaffPages>().Run(http, "roster", CancellationToken.None));

        Assert.NotEqual(403, response.Status);
        Assert.Equal("Eve", (await other.Get<TeamAdminService>().CurrentAsync(CancellationToken.None)).Member("evil-1")?.Name);
    }

    [Fact]
    public async Task A_cross_site_post_proposes_no_change_to_the_agreement_and_the_same_post_from_the_apps_page_does()
    {
        await using var week = await ScenarioAsync();
        var propose = new Dictionary<string, string> { ["action"] = "propose", ["side"] = "sales", ["weeklyTarget"] = "1" };

        Assert.Equal(403, (await PostAsync(week, "agreement", "admin@example.com", propose, new() { ["Origin"] = "https://evil.example" })).Status);
        Assert.Equal(403, (await PostAsync(week, "agreement", "admin@example.com", propose, FromOwnPage, withToken: false)).Status);
        Assert.Null((await week.App.Get<LeadHandoff.Agreement.AgreementService>().CurrentAsync(CancellationToken.None)).Open);

        Assert.Equal(303, (await PostAsync(week, "agreement", "admin@example.com", propose, FromOwnPage)).Status);
        Assert.Equal(1, (await week.App.Get<LeadHandoff.Agreement.AgreementService>().CurrentAsync(CancellationToken.None)).Open!.Terms.WeeklyTarget);
    }
}
