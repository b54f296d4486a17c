using LeadHandoff.Pace;
using LeadHandoff.Scorecards;
using LeadHandoff.Tests.Batches;
using LeadHandoff.Tests.Infrastructure;

namespace LeadHandoff.Tests.Agreement;

/// <summary>
/// Mid-week progress: the open batch week's count so far against the agreement's target and an even
/// pace, and marketing's one "behind pace" email on the pace day (Thursday from 12:00 London by
/// default), sent once per week whatever the number of runs.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PaceTests(AzuriteFixture azurite)
{
    // Window 2026-W50 runs from Monday 30 November 09:00 to Monday 7 December 09:00 (London = UTC in winter).
    private static readonly DateTimeOffset ThursdayNoon = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static List<SentMail> PaceMails(BatchScenario week) => [.. week.SendGrid.Accepted.Where(m => m.LedgerId.EndsWith("." + PaceService.Key, StringComparison.Ordinal))];

    [Fact]
    public async Task A_week_behind_pace_on_thursday_gets_marketing_one_email_and_not_before_noon()
    {
        await using var week = BatchScenario.Create(azurite.ConnectionString); // target 5
        await week.AddLeadAsync("a@alpha.example", "Alpha");
        await week.AddLeadAsync("b@beta.example", "Beta", sector: "Retail");
        var pace = week.App.Get<PaceService>();

        week.App.Time.SetUtcNow(ThursdayNoon.AddMinutes(-1));
        Assert.Equal(PaceCheck.NotDue, await pace.RunAsync(CancellationToken.None));
        week.App.Time.SetUtcNow(ThursdayNoon);
        var progress = await week.App.Get<ScorecardService>().ProgressAsync(CancellationToken.None);
        Assert.Equal((2, 5, 3, true), (progress.Counted, progress.Target, progress.DueByNow, progress.Behind)); // 3 days 3 hours of 7 days: ⌈5 × 0.446⌉ = 3 due
        Assert.Equal(PaceCheck.Warned, await pace.RunAsync(CancellationToken.None));
        week.App.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(PaceCheck.Warned, await pace.RunAsync(CancellationToken.None));
        week.App.Time.SetUtcNow(ThursdayNoon.AddDays(1));
        Assert.Equal(PaceCheck.NotDue, await pace.RunAsync(CancellationToken.None));

        var mail = Assert.Single(PaceMails(week));
        Assert.Equal(["marketing@example.com"], mail.To);
        Assert.Equal("Behind pace: 2 of 5 leads so far for 2026-W50", mail.Subject);
        Assert.Contains("Coming in evenly, 3 were due by now", mail.Text);
        Assert.Contains("  Software, 11-50: 1", mail.Text);
        Assert.Contains("  Retail, 11-50: 1", mail.Text);
        Assert.Contains("https://leadhandoff.example.net/api/staff/agreement", mail.Text);
    }

    [Fact]
    public async Task A_week_on_pace_gets_no_email_and_a_day_off_pace_is_configurable()
    {
        await using var week = BatchScenario.Create(azurite.ConnectionString, s => s["Pace:Day"] = "Wednesday");
        for (var i = 0; i < 3; i++) await week.AddLeadAsync($"p{i}@pace.example", $"Pace {i}");

        week.App.Time.SetUtcNow(ThursdayNoon.AddDays(-1)); // Wednesday noon: ⌈5 × 2d3h/7d⌉ = 2 due, 3 in
        Assert.Equal(PaceCheck.OnPace, await week.App.Get<PaceService>().RunAsync(CancellationToken.None));
        week.App.Time.SetUtcNow(ThursdayNoon);
        Assert.Equal(PaceCheck.NotDue, await week.App.Get<PaceService>().RunAsync(CancellationToken.None));
        Assert.Empty(PaceMails(week));
    }

    [Fact]
    public async Task The_pace_check_reads_the_business_clock_across_the_spring_change()
    {
        // Thursday 1 April 2027, BST: 12:00 London is 11:00 UTC.
        await using var week = BatchScenario.Create(azurite.ConnectionString, start: new DateTimeOffset(2027, 3, 30, 10, 0, 0, TimeSpan.Zero));
        week.App.Time.SetUtcNow(new DateTimeOffset(2027, 4, 1, 10, 59, 0, TimeSpan.Zero));
        Assert.Equal(PaceCheck.NotDue, await week.App.Get<PaceService>().RunAsync(CancellationToken.None));
        week.App.Time.SetUtcNow(new DateTimeOffset(2027, 4, 1, 11, 0, 0, TimeSpan.Zero));
        Assert.Equal(PaceCheck.Warned, await week.App.Get<PaceService>().RunAsync(CancellationToken.None));
        Assert.Equal("Behind pace: 0 of 5 leads so far for 2027-W14", Assert.Single(PaceMails(week)).Subject);
    }
}
