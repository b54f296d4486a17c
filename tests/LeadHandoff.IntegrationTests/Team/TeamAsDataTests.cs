using System.Text.Json;
using System.Text.RegularExpressions;
using LeadHandoff.Deadlines;
using LeadHandoff.Functions.Team;
using LeadHandoff.Functions.TeamWeek;
using LeadHandoff.Leads;
using LeadHandoff.Team;
using LeadHandoff.Tests.Batches;
using LeadHandoff.Tests.Functions.Intake;
using LeadHandoff.Tests.Functions.Qualification;
using LeadHandoff.Tests.Infrastructure;

namespace LeadHandoff.Tests.Team;

/// <summary>
/// The team is data: on Azurite with the fake SendGrid, the roster is seeded from the settings once
/// and then changed through the admins' page, and the next batch routes by it with no redeploy; a
/// bad change is refused naming the field, a bad setting never stops anything; an away rep's leads
/// go to their backup and their reminders too; the manager moves leads and decides for a rep from
/// the team page, and the old links say where the lead went.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class TeamAsDataTests(AzuriteFixture azurite)
{
    private BatchScenario Scenario(Action<Dictionary<string, string?>>? configure = null) => BatchScenario.Create(azurite.ConnectionString, configure);

    private static Task<TestResponse> AdminAsync(BatchScenario week, Dictionary<string, string>? form = null) => form is null
        ? week.App.GetAsync("/api/team/roster?format=json", http => week.App.Function<TeamAdmin>().Run(http, CancellationToken.None))
        : week.App.SendAsync(LeadRequests.UrlEncoded(form) with { Target = "/api/team/roster?format=json" }, http => week.App.Function<TeamAdmin>().Run(http, CancellationToken.None));

    private static Dictionary<string, string> Member(string id, string name, string email, bool pool = true, string? awayFrom = null, string? awayTo = null, string? backup = null) => new()
    {
        ["action"] = "save-member", ["id"] = id, ["name"] = name, ["email"] = email, ["role"] = "rep", ["language"] = "en", ["active"] = "on",
        ["inPool"] = pool ? "on" : "", ["awayFrom"] = awayFrom ?? "", ["awayTo"] = awayTo ?? "", ["backup"] = backup ?? "",
    };

    private static Task<TestResponse> TeamPageAsync(BatchScenario week, string link, Dictionary<string, string>? form = null) => form is null
        ? week.App.GetAsync(new Uri(link).PathAndQuery, http => week.App.Function<TeamPage>().Run(http, CancellationToken.None))
        : week.App.SendAsync(LeadRequests.UrlEncoded(form) with { Target = new Uri(link).PathAndQuery }, http => week.App.Function<TeamPage>().Run(http, CancellationToken.None));

    private static string TeamLink(BatchScenario week) =>
        TeamLinkPattern().Match(week.SendGrid.Accepted.First(m => m.Subject.StartsWith("Escalation", StringComparison.Ordinal)).Text).Groups[1].Value;

    private static (string Id, string Name, string Email) Owner(string id) => new[] { TestSettings.Rita, TestSettings.Sam, TestSettings.Maya }.Single(o => o.Id == id);

    /// <summary>The owner's qualify link for the lead of <paramref name="company"/>: the one whose page shows it.</summary>
    private static async Task<string> LinkToAsync(BatchScenario week, string owner, string company)
    {
        foreach (var link in week.QualifyLinks(owner))
            if ((await week.App.QualifyAsync("GET", link)).Body.Contains(company, StringComparison.Ordinal)) return link;
        throw new InvalidOperationException($"no link to {company}");
    }

    [GeneratedRegex(@"See the whole team's week: (\S+)")]
    private static partial Regex TeamLinkPattern();

    [Fact]
    public async Task The_settings_seed_the_roster_once_and_a_rep_added_on_the_admin_page_gets_leads_in_the_next_batch()
    {
        await using var week = Scenario();
        var seeded = JsonDocument.Parse((await AdminAsync(week)).Body).RootElement;
        Assert.Equal(["rep-1", "rep-2", "rep-3"], seeded.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("id").GetString()));

        var saved = await AdminAsync(week, Member("rep-4", "Nina New", "nina@example.com"));
        Assert.Equal(200, saved.Status);
        for (var i = 0; i < 6; i++) await week.AddLeadAsync($"p{i}@example.com", $"Company {i}");
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));
        await week.RunBatchAsync();

        // The pool is now Rita, Sam and Nina: six leads, two each.
        Assert.Equal(2, (await week.App.LeadsAsync()).Count(l => l.OwnerId == "rep-4"));
        Assert.Single(week.SendGrid.To("nina@example.com"));
    }

    [Fact]
    public async Task A_rep_whose_language_is_thai_gets_the_batch_in_thai()
    {
        await using var week = Scenario();
        var sam = Member("rep-2", "Sam Seller", "sam@example.com");
        sam["language"] = "th";
        Assert.Equal(200, (await AdminAsync(week, sam)).Status);
        for (var i = 0; i < 4; i++) await week.AddLeadAsync($"p{i}@example.com", $"Company {i}");
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));
        await week.RunBatchAsync();

        Assert.StartsWith("2 ลีด สำหรับคุณในรอบ 2026-W50", Assert.Single(week.SendGrid.To("sam@example.com")).Subject);
        Assert.StartsWith("2 leads for you in batch 2026-W50", Assert.Single(week.SendGrid.To("rita@example.com")).Subject);
    }

    [Fact]
    public async Task A_change_that_does_not_check_out_is_refused_naming_each_field()
    {
        await using var week = Scenario();
        var bad = await AdminAsync(week, new() { ["action"] = "save-rule", ["order"] = "1", ["owner"] = "rep-9" });
        Assert.Equal(422, bad.Status);
        var errors = JsonDocument.Parse(bad.Body).RootElement.GetProperty("errors");
        Assert.Contains("Owner 'rep-9' is not on the team.", errors.GetProperty("owner")[0].GetString());
        Assert.True(errors.TryGetProperty("sector", out _));

        var member = await AdminAsync(week, Member("rep-5", "", "not-an-address", awayFrom: "2026-12-09", awayTo: "2026-12-01"));
        Assert.Equal(422, member.Status);
        Assert.Equal(["awayTo", "email", "name"], JsonDocument.Parse(member.Body).RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task A_rule_naming_someone_not_on_the_team_stops_nothing_and_the_summary_says_so()
    {
        await using var week = Scenario(s => s["Routing:Rules:0:Owner"] = "rep-9"); // a typo in the settings
        var fields = LeadRequests.Valid("maker@example.com");
        fields["sector"] = "Manufacturing";
        Assert.Equal(303, (await week.App.PostAsync(LeadRequests.UrlEncoded(fields))).Status);
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));
        await week.RunBatchAsync();

        Assert.Equal("rep-1", Assert.Single(await week.App.LeadsAsync()).OwnerId); // the rule was skipped: the pool took it
        var summary = Assert.Single(week.SendGrid.To("manager@example.com"));
        Assert.Contains("Team settings need attention: Routing rule 1 names 'rep-9', who is not on the team: it is skipped.", summary.Text);
    }

    [Fact]
    public async Task An_away_rep_gets_no_leads_their_rule_goes_to_their_backup_and_their_reminders_too()
    {
        await using var week = Scenario();
        // Maya owns Manufacturing by rule; she is away over the batch with Sam as her backup; Rita leaves the pool.
        Assert.Equal(200, (await AdminAsync(week, Member("rep-3", "Maya Maker", "maya@example.com", pool: false, awayFrom: "2026-12-05", awayTo: "2026-12-20", backup: "rep-2"))).Status);
        await week.AddLeadAsync("factory@example.com", "Factory Ltd", sector: "Manufacturing");
        await week.AddLeadAsync("soft@example.com", "Soft Ltd");
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));
        await week.RunBatchAsync();

        var leads = await week.App.LeadsAsync();
        Assert.Equal("rep-2", leads.Single(l => l.Details.Company == "Factory Ltd").OwnerId);
        Assert.Empty(week.SendGrid.To("maya@example.com"));

        // Back from holiday early? No: Maya holds a lead from before (assigned to her by hand) and is away at the deadline.
        var soft = leads.Single(l => l.Details.Company == "Soft Ltd");
        await week.App.Get<LeadStore>().AssignOwnersAsync("2026-W50", new Dictionary<string, string> { [soft.Id] = "rep-3" }, new HashSet<string> { soft.Id }, week.App.Time.GetUtcNow(), CancellationToken.None);
        week.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 10, 9, 0, 0, TimeSpan.Zero)); // past Wednesday's deadline and the reminder step
        await week.App.Get<DeadlineService>().RunAsync(CancellationToken.None);
        var reminder = Assert.Single(week.SendGrid.To("sam@example.com"), m => m.Subject.StartsWith("Reminder", StringComparison.Ordinal) && m.Text.Contains("Soft Ltd", StringComparison.Ordinal));
        Assert.Contains("These are Maya Maker's leads, and Maya Maker is away", reminder.Text);
        Assert.Empty(week.SendGrid.To("maya@example.com"));
    }

    [Fact]
    public async Task The_manager_moves_a_lead_and_decides_one_for_a_rep_and_the_old_link_says_where_it_went()
    {
        await using var week = Scenario();
        await week.AddLeadAsync("one@example.com", "One Ltd");
        await week.AddLeadAsync("two@example.com", "Two Ltd");
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));
        await week.RunBatchAsync();
        var leads = await week.App.LeadsAsync();
        var one = leads.Single(l => l.Details.Company == "One Ltd");
        var two = leads.Single(l => l.Details.Company == "Two Ltd");
        var oldLink = await LinkToAsync(week, Owner(one.OwnerId!).Email, "One Ltd");
        week.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 11, 10, 0, 0, TimeSpan.Zero)); // past the escalation
        await week.App.Get<DeadlineService>().RunAsync(CancellationToken.None);
        var team = TeamLink(week);

        var page = await TeamPageAsync(week, team);
        Assert.Contains("Move all 1 undecided to", page.Body);
        var to = one.OwnerId == "rep-1" ? "rep-3" : "rep-1";
        var moved = await TeamPageAsync(week, team, new() { ["action"] = "reassign", ["lead"] = one.Id, ["to"] = to });
        Assert.Equal(303, moved.Status);
        Assert.Contains("Moved%201%20to", moved.Header("Location"));

        var email = Assert.Single(week.SendGrid.To(Owner(to).Email), m => m.Subject.StartsWith("Reassigned to you: 1 lead", StringComparison.Ordinal));
        Assert.Contains("The sales manager moved 1 lead to you from", email.Text);
        var newLink = Assert.Single(QualificationDriver.QualifyLinksIn(email.Text));
        var stale = await week.App.QualifyAsync("GET", oldLink);
        Assert.Equal(410, stale.Status);
        Assert.Contains($"It is {Owner(to).Name}'s to decide now", System.Net.WebUtility.HtmlDecode(stale.Body));
        Assert.Equal(303, (await week.App.QualifyAsync("POST", newLink, new() { ["decision"] = "accept" })).Status);
        var stored = (await week.App.LeadsAsync()).Single(l => l.Id == one.Id);
        Assert.Equal(to, stored.OwnerId);
        Assert.Equal(to, stored.Decision!.DecidedBy);
        Assert.Contains(", by the sales manager", Assert.Single(stored.OwnerHistory));

        var decided = await TeamPageAsync(week, team, new() { ["action"] = "decide", ["lead"] = two.Id, ["decision"] = "reject", ["reason"] = "no-budget" });
        Assert.Equal(303, decided.Status);
        var second = (await week.App.LeadsAsync()).Single(l => l.Id == two.Id);
        Assert.Equal(("manager", two.OwnerId), (second.Decision!.DecidedBy, second.OwnerId)); // the manager's decision, credited to the owner
        Assert.Contains("Rejected, by the manager", (await TeamPageAsync(week, team)).Body);
    }

    [Fact]
    public async Task Moving_to_someone_away_or_who_owns_no_leads_is_refused_and_changes_nothing()
    {
        await using var week = Scenario();
        await week.AddLeadAsync("one@example.com", "One Ltd");
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));
        await week.RunBatchAsync();
        var lead = Assert.Single(await week.App.LeadsAsync());
        week.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 11, 10, 0, 0, TimeSpan.Zero));
        await week.App.Get<DeadlineService>().RunAsync(CancellationToken.None);
        Assert.Equal(200, (await AdminAsync(week, Member("rep-3", "Maya Maker", "maya@example.com", awayFrom: "2026-12-10", awayTo: "2026-12-12"))).Status);

        var refused = await TeamPageAsync(week, TeamLink(week), new() { ["action"] = "reassign", ["lead"] = lead.Id, ["to"] = "rep-3" });
        Assert.Equal(422, refused.Status);
        Assert.Contains("Choose a rep who is on the team and not away today.", refused.Body);
        // A manager owns no leads: not offered, and refused if posted.
        await week.App.Get<TeamAdminService>().SaveMemberAsync(new TeamMember("mgr-1", "Morgan Manager", "manager@example.com", TeamRole.Manager), CancellationToken.None);
        Assert.DoesNotContain("value=\"mgr-1\"", (await TeamPageAsync(week, TeamLink(week))).Body);
        Assert.Equal(422, (await TeamPageAsync(week, TeamLink(week), new() { ["action"] = "reassign", ["lead"] = lead.Id, ["to"] = "mgr-1" })).Status);
        Assert.Equal(lead.OwnerId, Assert.Single(await week.App.LeadsAsync()).OwnerId);
    }
}
