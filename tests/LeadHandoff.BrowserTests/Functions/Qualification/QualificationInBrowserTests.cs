using LeadHandoff.Leads;
using LeadHandoff.Tests.Batches;
using LeadHandoff.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LeadHandoff.Tests.Functions.Qualification;

/// <summary>The sales pages in a real browser: a rep opens the emailed link, decides, and sees what was recorded.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Browser")]
public sealed class QualificationInBrowserTests(AzuriteFixture azurite)
{
    private async Task<BatchScenario> SentBatchAsync(int leads)
    {
        var week = BatchScenario.Create(azurite.ConnectionString, s => s["Routing:Pool:1"] = "rep-1");
        var start = week.App.Time.GetUtcNow();
        for (var i = 0; i < leads; i++) await week.AddLeadAsync($"p{i}@company{i}.example", $"Company {i}", at: start.AddMinutes(i));
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));
        await week.RunBatchAsync();
        return week;
    }

    [Fact]
    public async Task A_rep_rejects_a_lead_with_a_reason_from_the_qualify_link_and_sees_it_recorded()
    {
        await using var week = await SentBatchAsync(1);
        await using var host = await PageHost.StartAsync(week.App);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } }); // a phone

        await page.GotoAsync(host.Local(Assert.Single(week.QualifyLinks("rita@example.com"))));
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("qualify-page.png"), FullPage = true });
        await page.GetByLabel("Reject", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Reason, when rejecting").SelectOptionAsync("too-small");
        await page.GetByLabel("Note").FillAsync("Two people, no budget line");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your decision was recorded.");
        await Assertions.Expect(page.Locator(".pill")).ToHaveTextAsync("Rejected");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("qualify-page-recorded.png"), FullPage = true });
        var lead = Assert.Single(await week.App.LeadsAsync("2026-W50"));
        Assert.Equal((Decision.Rejected, "too-small", "Two people, no budget line"), (lead.Decision!.Decision, lead.Decision.Reason, lead.Decision.Note));
    }

    [Fact]
    public async Task A_rep_decides_three_leads_on_the_batch_page()
    {
        await using var week = await SentBatchAsync(3);
        await using var host = await PageHost.StartAsync(week.App);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        await page.GotoAsync(host.Local(week.BatchLink("rita@example.com")));
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("batch-page.png"), FullPage = true });

        (string Company, string Choice, string? Reason)[] plan = [("Company 0", "Accept: a sales-qualified lead", null), ("Company 1", "Reject", "competitor"), ("Company 2", "Return to nurture: not ready yet", null)];
        foreach (var (company, choice, reason) in plan)
        {
            var card = page.Locator("section.card").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = company }) });
            await card.GetByLabel(choice, new() { Exact = true }).CheckAsync();
            if (reason is not null) await card.GetByLabel("Reason, when rejecting").SelectOptionAsync(reason);
            await card.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
            await Assertions.Expect(page.Locator("section.card").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = company }) }).GetByRole(AriaRole.Status)).ToHaveTextAsync("Your decision was recorded.");
        }
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("batch-page-decided.png"), FullPage = true });

        await Assertions.Expect(page.GetByText("3 leads, 0 still to decide.")).ToBeVisibleAsync();
        var decisions = (await week.App.LeadsAsync("2026-W50")).ToDictionary(l => l.Details.Company, l => (l.Decision!.Decision, l.Decision.Reason));
        Assert.Equal(new Dictionary<string, (Decision, string?)>
        {
            ["Company 0"] = (Decision.Accepted, null),
            ["Company 1"] = (Decision.Rejected, "competitor"),
            ["Company 2"] = (Decision.Nurture, null),
        }, decisions);
    }
}
