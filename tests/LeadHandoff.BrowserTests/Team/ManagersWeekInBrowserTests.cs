using System.Text.RegularExpressions;
using LeadHandoff.Deadlines;
using LeadHandoff.Leads;
using LeadHandoff.Team;
using LeadHandoff.Tests.Batches;
using LeadHandoff.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LeadHandoff.Tests.Team;

/// <summary>
/// A manager's week in a real browser: Maya owns the manufacturing leads and goes away after the
/// batch; at the deadline her reminder goes to her backup, and the manager, from the escalation
/// email's link, moves all her undecided leads to Sam and decides one of Rita's on her behalf.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ManagersWeekInBrowserTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_manager_moves_an_away_reps_leads_and_decides_one_for_a_rep()
    {
        await using var week = BatchScenario.Create(azurite.ConnectionString);
        await week.AddLeadAsync("plant@factory.example", "Factory Ltd", sector: "Manufacturing"); // Maya's by rule
        await week.AddLeadAsync("a@soft.example", "Soft A Ltd");
        await week.AddLeadAsync("b@soft.example", "Soft B Ltd");
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));
        await week.RunBatchAsync();

        // Maya goes away on Tuesday, with Sam as her backup: an admin's change, no redeploy.
        await week.App.Get<TeamAdminService>().SaveMemberAsync(new TeamMember("rep-3", "Maya Maker", "maya@example.com", AwayFrom: new DateOnly(2026, 12, 8), AwayTo: new DateOnly(2026, 12, 18), Backup: "rep-2"), CancellationToken.None);
        week.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 11, 10, 0, 0, TimeSpan.Zero)); // Friday: past the reminder and the escalation
        await week.App.Get<DeadlineService>().RunAsync(CancellationToken.None);
        Assert.Contains(week.SendGrid.To("sam@example.com"), m => m.Subject.StartsWith("Reminder", StringComparison.Ordinal) && m.Text.Contains("Maya Maker is away", StringComparison.Ordinal));
        var team = Regex.Match(week.SendGrid.Accepted.First(m => m.Subject.StartsWith("Escalation", StringComparison.Ordinal)).Text, @"See the whole team's week: (\S+)").Groups[1].Value;

        await using var host = await PageHost.StartAsync(week.App);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        await page.GotoAsync(host.Local(team));
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("managers-week-before.png"), FullPage = true });

        // Maya's section says she is away; move all her undecided leads to Sam.
        var maya = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Maya Maker (away)" }) });
        await maya.GetByLabel("Move all 1 undecided to").SelectOptionAsync(new SelectOptionValue { Label = "Sam Seller" });
        await maya.GetByRole(AriaRole.Button, new() { Name = "Move them" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Moved 1 to Sam Seller");

        // One of Rita's: decide it for her.
        var rita = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Rita Rep" }) });
        var lead = rita.Locator("li").First;
        var company = await lead.Locator("strong").First.InnerTextAsync();
        await lead.Locator("summary").ClickAsync();
        await lead.GetByLabel("Reject", new() { Exact = true }).CheckAsync();
        await lead.GetByLabel("Reason, when rejecting").SelectOptionAsync("no-budget");
        await lead.GetByRole(AriaRole.Button, new() { Name = "Decide for Rita Rep" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Decided for Rita Rep: recorded as your decision.");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("managers-week-after.png"), FullPage = true });

        var leads = await week.App.LeadsAsync();
        Assert.Equal("rep-2", leads.Single(l => l.Details.Company == "Factory Ltd").OwnerId);
        Assert.Single(week.SendGrid.To("sam@example.com"), m => m.Subject.StartsWith("Reassigned to you: 1 lead", StringComparison.Ordinal));
        var decided = leads.Single(l => l.Details.Company == company);
        Assert.Equal((Decision.Rejected, "no-budget", "manager", "rep-1"), (decided.Decision!.Decision, decided.Decision.Reason, decided.Decision.DecidedBy, decided.OwnerId));
    }
}
