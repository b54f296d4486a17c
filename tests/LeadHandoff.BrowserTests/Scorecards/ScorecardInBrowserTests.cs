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
    public async Task The_page_renders_in_Chromium_over_HTTP_under_its_own_security_headers()
    {
        await using var week = await ScorecardScenario.DecidedWeekAsync(azurite.ConnectionString);
        await using var host = await PageHost.StartAsync(week.App);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();

        // Served as the app serves it, so the browser applies its Content-Security-Policy (no script,
        // inline styles only): the charts and the scrolling tables below must work under it.
        var response = await page.GotoAsync(host.BaseUrl + "/api/scorecard?weeks=6&end=2026-W50&format=html");
        Assert.Equal(200, response!.Status);
        var headers = await response.AllHeadersAsync();
        Assert.StartsWith("default-src 'none'; style-src 'unsafe-inline'", headers["content-security-policy"]);
        Assert.Equal("no-referrer", headers["referrer-policy"]);
        Assert.Contains("no-store", headers["cache-control"]);
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("scorecard.png"), FullPage = true });

        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Leads delivered per week against the target" })).ToBeVisibleAsync();
        // Six weeks asked for, one counted: the weeks before the first batch are not the agreement's.
        Assert.Equal(1, await page.Locator("svg[aria-label='Leads delivered per week against the target'] rect").CountAsync());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Scorecard: batches of 7 Dec 2026 to 7 Dec 2026" })).ToBeVisibleAsync();

        // On a phone: chart text stays readable, and each table scrolls inside a region the keyboard reaches.
        await page.SetViewportSizeAsync(390, 844);
        var smallest = await page.EvaluateAsync<double>("() => Math.min(...[...document.querySelectorAll('svg text')].map(t => t.getBoundingClientRect().height))");
        Assert.True(smallest >= 9, $"chart text is {smallest:0.0} px tall at 390 px");
        var region = page.GetByRole(AriaRole.Region, new() { Name = "By owner" });
        await region.FocusAsync();
        await Assertions.Expect(region).ToBeFocusedAsync();
        Assert.True(await region.EvaluateAsync<bool>("r => r.scrollWidth > r.clientWidth"), "the owner table should scroll sideways at 390 px");
        await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Owner", Exact = true })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("scorecard-390.png"), FullPage = true });
    }
}
