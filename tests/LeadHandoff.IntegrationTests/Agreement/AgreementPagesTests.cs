using System.Text.Json;
using System.Text.RegularExpressions;
using LeadHandoff.Agreement;
using LeadHandoff.Functions.Agreement;
using LeadHandoff.Functions.Staff;
using LeadHandoff.Functions.StaffHome;
using LeadHandoff.Team;
using LeadHandoff.Testing;
using LeadHandoff.Tests.Batches;
using LeadHandoff.Tests.Infrastructure;
using LeadHandoff.Tests.Staff;

namespace LeadHandoff.Tests.Agreement;

/// <summary>
/// A proposal's whole life as the two heads see it: the sales manager proposes on the staff page,
/// the marketing lead gets the email in Thai and approves from its link, and the page and JSON then
/// show version 2 from the next batch week. Programs do the same in JSON with a key. A side never
/// answers its own proposal, and an admin answers for neither.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AgreementPagesTests(AzuriteFixture azurite)
{
    private const string OwnOrigin = "https://leadhandoff.example.net";

    private async Task<BatchScenario> ScenarioAsync()
    {
        var week = await ScorecardScenario.DecidedWeekAsync(azurite.ConnectionString, s =>
        {
            s["WEBSITE_AUTH_ENABLED"] = "True";
            s["StaffSignIn:TenantId"] = StaffPrincipals.Tenant;
        });
        var admin = week.App.Get<TeamAdminService>();
        foreach (var member in new[]
        {
            new TeamMember("adm-1", "Ada Admin", "admin@example.com", TeamRole.Admin),
            new TeamMember("mgr-1", "Morgan Manager", "manager@example.com", TeamRole.Manager),
            new TeamMember("mkt-1", "มะลิ การตลาด", "marketing@example.com", TeamRole.Marketing, Language: "th"),
        })
            Assert.Equal(0, (await admin.SaveMemberAsync(member, CancellationToken.None)).Count);
        await StaffPrincipals.BindEveryoneAsync(week);
        return week;
    }

    private static async Task<TestResponse> StaffPostAsync(BatchScenario week, string who, Dictionary<string, string> form)
    {
        var opened = await StaffPrincipals.OpenFormAsync(week.App, "agreement", who);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [StaffSignIn.PrincipalHeader] = StaffPrincipals.Principal(who), ["Cookie"] = opened.Cookie, ["Origin"] = OwnOrigin };
        return await week.App.SendAsync(LeadRequests.UrlEncoded(opened.With(form)) with { Target = "/api/staff/agreement", Headers = headers },
            http => week.App.Function<StaffPages>().Run(http, "agreement", CancellationToken.None));
    }

    private static Task<TestResponse> StaffGetAsync(BatchScenario week, string who) =>
        week.App.SendAsync(new TestRequest("GET", null, []) { Target = "/api/staff/agreement", Headers = new(StringComparer.OrdinalIgnoreCase) { [StaffSignIn.PrincipalHeader] = StaffPrincipals.Principal(who) } },
            http => week.App.Function<StaffPages>().Run(http, "agreement", CancellationToken.None));

    private static Task<TestResponse> AnswerAsync(BatchScenario week, string link, Dictionary<string, string>? form = null) =>
        week.App.SendAsync((form is null ? new TestRequest("GET", null, []) : LeadRequests.UrlEncoded(form)) with { Target = new Uri(link).PathAndQuery },
            http => week.App.Function<AnswerProposal>().Run(http, CancellationToken.None));

    [Fact]
    public async Task The_sales_manager_proposes_on_the_staff_page_and_the_marketing_lead_approves_from_the_thai_email()
    {
        await using var week = await ScenarioAsync(); // Thursday 10 December: W50 graded, W51 open

        var proposed = await StaffPostAsync(week, "manager@example.com", new()
        {
            ["action"] = "propose", ["weeklyTarget"] = "40", ["qualityTarget"] = "35%", ["onTimeTarget"] = "90%", ["offers"] = "", ["sectors"] = "", ["sizeBands"] = "", ["note"] = "Fewer leads, more of them good.",
        });

        Assert.Equal(303, proposed.Status);
        Assert.Equal("/api/staff/agreement?done=Proposed#proposal", proposed.Header("Location"));
        var mail = Assert.Single(week.SendGrid.To("marketing@example.com"), m => m.LedgerId.StartsWith("agreement-", StringComparison.Ordinal));
        Assert.Contains("ข้อตกลงที่ต้องอนุมัติ", mail.Subject);
        Assert.Contains("เป้าหมายรายสัปดาห์: 5 → 40", mail.Text);
        Assert.Contains("เป้าหมายคุณภาพ: 30% → 35%", mail.Text);
        Assert.DoesNotContain(week.SendGrid.To("manager@example.com"), m => m.LedgerId.StartsWith("agreement-", StringComparison.Ordinal));
        var managersView = System.Net.WebUtility.HtmlDecode((await StaffGetAsync(week, "manager@example.com")).Body);
        Assert.Contains("Asked to answer by email: มะลิ การตลาด: Sent.", managersView);
        Assert.Contains("value=\"withdraw\"", managersView); // the proposing side may withdraw, not approve
        Assert.DoesNotContain("value=\"approve\"", managersView);

        var link = Regex.Match(mail.Text, @"https://\S+/api/agreement/answer\?t=\S+").Value;
        var opened = await AnswerAsync(week, link);
        Assert.Equal(200, opened.Status);
        Assert.Contains("<html lang=\"th\">", opened.Body);
        Assert.Single((await week.App.Get<AgreementService>().CurrentAsync(CancellationToken.None)).Versions); // a GET answers nothing
        var approved = await AnswerAsync(week, link, new() { ["action"] = "approve" });

        Assert.Equal(200, approved.Status);
        Assert.Contains("บันทึกคำตอบของคุณแล้ว", System.Net.WebUtility.HtmlDecode(approved.Body));
        var state = await week.App.Get<AgreementService>().CurrentAsync(CancellationToken.None);
        var v2 = state.Versions[^1];
        Assert.Equal((2, "2026-W51", 40, 0.35), (v2.Number, Weeks.BatchWindow.IdOf(v2.EffectiveFrom), v2.Terms.WeeklyTarget, v2.Terms.QualityTarget));
        Assert.Equal(("Morgan Manager (mgr-1)", "มะลิ การตลาด (mkt-1)"), (v2.ProposedBy, v2.ApprovedBy));
        Assert.Null(state.Open);
        // The link answers once: pressed again, the proposal is closed.
        Assert.Equal(409, (await AnswerAsync(week, link, new() { ["action"] = "decline" })).Status);

        var page = System.Net.WebUtility.HtmlDecode((await StaffGetAsync(week, "manager@example.com")).Body);
        Assert.Contains("Marketing delivers at least 40 leads by Monday 09:00, and sales accepts at least 35% of those it decides by the deadline.", page);
        Assert.Contains("Sales decides at least 90% of each week’s leads by Wednesday 17:00.", page);
        Assert.Contains("<td class=\"text\">Morgan Manager (mgr-1)</td><td class=\"text\">มะลิ การตลาด (mkt-1)</td>", page);
        var history = (await week.App.Get<AgreementService>().HistoryAsync(CancellationToken.None)).Select(e => e.What);
        Assert.Equal(["proposed", "approved"], history);
    }

    [Fact]
    public async Task A_side_never_answers_its_own_proposal_and_an_admin_answers_for_neither()
    {
        await using var week = await ScenarioAsync();
        Assert.Equal(303, (await StaffPostAsync(week, "manager@example.com", new() { ["action"] = "propose", ["weeklyTarget"] = "40" })).Status);
        var id = (await week.App.Get<AgreementService>().CurrentAsync(CancellationToken.None)).Open!.Id;

        Assert.Equal(403, (await StaffPostAsync(week, "manager@example.com", new() { ["action"] = "approve", ["proposal"] = id })).Status);
        Assert.Equal(403, (await StaffPostAsync(week, "admin@example.com", new() { ["action"] = "approve", ["proposal"] = id })).Status);
        Assert.Equal(403, (await StaffPostAsync(week, "marketing@example.com", new() { ["action"] = "withdraw", ["proposal"] = id })).Status);
        Assert.Single((await week.App.Get<AgreementService>().CurrentAsync(CancellationToken.None)).Versions);

        Assert.Equal(303, (await StaffPostAsync(week, "marketing@example.com", new() { ["action"] = "decline", ["proposal"] = id })).Status);
        var state = await week.App.Get<AgreementService>().CurrentAsync(CancellationToken.None);
        Assert.Equal((ProposalState.Declined, "มะลิ การตลาด (mkt-1)"), (state.Proposals[0].State, state.Proposals[0].DecidedBy));
    }

    [Fact]
    public async Task A_refused_proposal_shows_the_page_again_with_the_reason_and_what_was_typed()
    {
        await using var week = await ScenarioAsync();

        var refused = await StaffPostAsync(week, "marketing@example.com", new() { ["action"] = "propose", ["weeklyTarget"] = "40", ["qualityTarget"] = "130%" });

        Assert.Equal(422, refused.Status);
        var body = System.Net.WebUtility.HtmlDecode(refused.Body);
        Assert.Contains("เป้าหมายคุณภาพ ต้องเป็นสัดส่วนตั้งแต่ 0 ถึง 1 (0.3 คือ 30%)", body);
        Assert.Contains("value=\"130%\"", body);
        Assert.Null((await week.App.Get<AgreementService>().CurrentAsync(CancellationToken.None)).Open);
    }

    [Fact]
    public async Task A_program_proposes_and_approves_in_json_and_reads_the_agreement_in_json()
    {
        await using var week = await ScenarioAsync();
        Task<TestResponse> PostAsync(string target, object body) =>
            week.App.SendAsync(LeadRequests.Json(body) with { Target = target }, http =>
            {
                var route = target.Split('/');
                return week.App.Function<AgreementProposals>().Run(http, route.Length > 4 ? route[4] : null, route.Length > 5 ? route[5] : null, CancellationToken.None);
            });

        var created = await PostAsync("/api/agreement/proposals", new { side = "marketing", by = "Mali's CRM sync", qualityTarget = "0.4", sectors = "Software, Manufacturing" });
        Assert.Equal(201, created.Status);
        using var proposal = JsonDocument.Parse(created.Body);
        var id = proposal.RootElement.GetProperty("id").GetString()!;
        Assert.Equal(["qualityTarget", "sectors"], proposal.RootElement.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("term").GetString()));
        Assert.Equal(409, (await PostAsync("/api/agreement/proposals", new { side = "sales", by = "x", weeklyTarget = "9" })).Status); // one open at a time
        Assert.Equal(403, (await PostAsync($"/api/agreement/proposals/{id}/approve", new { side = "marketing", by = "Mali" })).Status);
        Assert.Equal(400, (await PostAsync($"/api/agreement/proposals/{id}/approve", new { side = "legal", by = "Lee" })).Status);
        Assert.Equal(200, (await PostAsync($"/api/agreement/proposals/{id}/approve", new { side = "sales", by = "Morgan" })).Status);

        var read = await week.App.GetAsync("/api/agreement?format=json", http => week.App.Function<GetAgreement>().Run(http, CancellationToken.None));
        using var json = JsonDocument.Parse(read.Body);
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("version").GetInt32());
        Assert.Equal("2026-W51", root.GetProperty("effectiveFrom").GetString());
        Assert.Equal(5, root.GetProperty("terms").GetProperty("weeklyTarget").GetInt32());
        Assert.Equal(0.4, root.GetProperty("terms").GetProperty("qualityTarget").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("proposal").ValueKind);
        Assert.Equal(2, root.GetProperty("history").GetArrayLength());
        Assert.Equal("Morgan (key)", root.GetProperty("history")[1].GetProperty("approvedBy").GetString());
        var w50 = root.GetProperty("grades").EnumerateArray().Single(g => g.GetProperty("week").GetString() == "2026-W50");
        Assert.Equal(1, w50.GetProperty("agreementVersion").GetInt32());
    }
}
