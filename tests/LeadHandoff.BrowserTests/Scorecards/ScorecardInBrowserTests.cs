using LeadHandoff.Functions.Scorecards;
using LeadHandoff.Tests.Batches;
using LeadHandoff.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LeadHandoff.Tests.Scorecards;

/// <summary>The scorecard page as a browser draws it.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ScorecardInBrowserTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_page_renders_in_Chromium()
    {
        await using var week = await ScorecardScenario.DecidedWeekAsync(azurite.ConnectionString);
        var html = (await week.GetScorecardAsync("?weeks=6&end=2026-W50", "text/html")).Body;
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();

        await page.SetContentAsync(html);
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("scorecard.png"), FullPage = true });

        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Leads delivered per week against the target" })).ToBeVisibleAsync();
        Assert.Equal(6, await page.Locator("svg[aria-label='Leads delivered per week against the target'] rect").CountAsync());
    }
}
