using LeadHandoff.HotLane;
using LeadHandoff.Leads;
using LeadHandoff.Scorecards;
using LeadHandoff.Tests.Batches;
using LeadHandoff.Tests.Functions.Intake;
using LeadHandoff.Tests.Functions.Qualification;
using LeadHandoff.Tests.Infrastructure;

namespace LeadHandoff.Tests.HotLane;

/// <summary>
/// The hot lane on Azurite with the fake SendGrid: a demo request reaches its owner during the
/// form's own request, with a deadline four business hours later; what that request could not hand
/// over (email provider down, a crash after the lead was stored) the minute sweep does, once; an
/// overdue hot lead is chased once; Monday's batch lists it again with what became of it.
/// The scenario's clock starts on Wednesday 2 December 2026, 10:00 London (= UTC).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class HotLaneTests(AzuriteFixture azurite)
{
    private BatchScenario Scenario(Action<Dictionary<string, string?>>? configure = null) => BatchScenario.Create(azurite.ConnectionString, s =>
    {
        s["HotLane:Offers:0"] = "demo-request";
        s["Email:MaxAttempts"] = "1";
        configure?.Invoke(s);
    });

    private static Dictionary<string, string> DemoRequest(string email, string company = "Hot Prospect Ltd")
    {
        var fields = LeadRequests.Valid(email);
        fields["offer"] = "demo-request";
        fields["company"] = company;
        return fields;
    }

    [Fact]
    public async Task A_demo_request_reaches_its_owner_within_the_forms_own_request_due_four_business_hours_later()
    {
        await using var week = Scenario();
        var response = await week.App.PostAsync(LeadRequests.UrlEncoded(DemoRequest("buyer@hot.example")));
        Assert.Equal(303, response.Status);

        // Software goes to the pool; the first pool member is Rita.
        var mail = Assert.Single(week.SendGrid.To(TestSettings.Rita.Email));
        Assert.StartsWith("Hot lead: Hot Prospect Ltd (demo-request), decide by", mail.Subject);
        Assert.Contains("It comes to you now rather than in Monday's batch", mail.Text);
        Assert.Contains("Qualify: https://", mail.Text);
        var lead = Assert.Single(await week.App.LeadsAsync());
        Assert.Equal("rep-1", lead.OwnerId);
        Assert.Equal(week.App.Time.GetUtcNow(), lead.Hot!.At);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 14, 0, 0, TimeSpan.Zero), lead.Hot.DueAt);
        Assert.Contains("decide by Wednesday 2 December 2026, 14:00 (Europe/London)", mail.Text);
    }

    [Fact]
    public async Task An_offer_that_is_not_hot_waits_for_the_batch()
    {
        await using var week = Scenario();
        Assert.Equal(303, (await week.App.PostAsync(LeadRequests.UrlEncoded(LeadRequests.Valid("guide@cold.example")))).Status);
        Assert.Empty(week.SendGrid.Accepted);
        Assert.Null(Assert.Single(await week.App.LeadsAsync()).Hot);
        Assert.Equal(0, (await week.App.Get<HotLaneService>().SweepAsync(CancellationToken.None)).Open);
    }

    [Fact]
    public async Task With_the_email_provider_down_the_form_is_still_answered_and_the_sweep_sends_the_lead_once_later()
    {
        await using var week = Scenario();
        week.SendGrid.Script(new SendGridReply(503));
        Assert.Equal(303, (await week.App.PostAsync(LeadRequests.UrlEncoded(DemoRequest("buyer@hot.example")))).Status);
        Assert.Empty(week.SendGrid.Accepted);
        Assert.Single(await week.App.LeadsAsync());

        week.App.Time.Advance(TimeSpan.FromMinutes(1));
        var sweep = await week.App.Get<HotLaneService>().SweepAsync(CancellationToken.None);
        Assert.Equal(1, sweep.Sent);
        week.App.Time.Advance(TimeSpan.FromMinutes(1));
        await week.App.Get<HotLaneService>().SweepAsync(CancellationToken.None);

        var mail = Assert.Single(week.SendGrid.To(TestSettings.Rita.Email));
        Assert.StartsWith("Hot lead:", mail.Subject);
    }

    [Fact]
    public async Task A_lead_stored_by_a_run_that_crashed_before_the_hand_off_is_sent_by_the_sweep()
    {
        await using var week = Scenario();
        var details = new LeadDetails("Hugo Hot", "hugo@hot.example", "Crashed Before Ltd", "CTO", null, "Demo please", new Segment("Software", "11-50"), new MarketingSource("demo-request"), new Consent(true, "v1"));
        // What the intake's write does; the process dies before the hand-off.
        await week.App.Get<LeadStore>().SaveAsync("2026-W50", Guid.CreateVersion7().ToString("N"), details, week.App.Time.GetUtcNow(), hot: true, CancellationToken.None);
        Assert.Empty(week.SendGrid.Accepted);

        var sweep = await week.App.Get<HotLaneService>().SweepAsync(CancellationToken.None);
        await week.App.Get<HotLaneService>().SweepAsync(CancellationToken.None);

        Assert.Equal((1, 1), (sweep.Open, sweep.Sent));
        Assert.Single(week.SendGrid.Accepted, m => m.Subject.StartsWith("Hot lead: Crashed Before Ltd", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hot_lead_undecided_past_its_deadline_is_chased_once_with_the_manager_copied_and_a_decided_one_never()
    {
        await using var week = Scenario();
        await week.App.PostAsync(LeadRequests.UrlEncoded(DemoRequest("late@hot.example", "Slow Decision Ltd")));
        var quickFields = DemoRequest("quick@hot.example", "Quick Decision Ltd");
        quickFields["sector"] = "Manufacturing"; // Maya's by rule
        await week.App.PostAsync(LeadRequests.UrlEncoded(quickFields));
        var quick = Assert.Single(week.QualifyLinks(TestSettings.Maya.Email));
        week.App.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(303, (await week.App.QualifyAsync("POST", quick, new() { ["decision"] = "accept" })).Status);

        week.App.Time.Advance(TimeSpan.FromHours(3).Add(TimeSpan.FromMinutes(1))); // 14:01, one minute past the deadline
        await week.App.Get<HotLaneService>().SweepAsync(CancellationToken.None);
        week.App.Time.Advance(TimeSpan.FromMinutes(5));
        await week.App.Get<HotLaneService>().SweepAsync(CancellationToken.None);

        var chase = Assert.Single(week.SendGrid.Accepted, m => m.Subject.StartsWith("Overdue hot lead", StringComparison.Ordinal));
        Assert.Equal([TestSettings.Rita.Email], chase.To);
        Assert.Equal(["manager@example.com"], chase.Cc);
        Assert.Contains("Slow Decision Ltd", chase.Subject);
        Assert.Empty(await week.App.Get<LeadStore>().ListHotMarkersAsync("2026-W50", CancellationToken.None));
    }

    [Fact]
    public async Task Mondays_batch_lists_a_hot_lead_again_with_when_it_was_sent_and_what_became_of_it()
    {
        await using var week = Scenario();
        await week.App.PostAsync(LeadRequests.UrlEncoded(DemoRequest("buyer@hot.example")));
        var link = Assert.Single(week.QualifyLinks(TestSettings.Rita.Email));
        Assert.Equal(303, (await week.App.QualifyAsync("POST", link, new() { ["decision"] = "accept" })).Status);

        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));
        await week.RunBatchAsync();

        var batch = Assert.Single(week.SendGrid.To(TestSettings.Rita.Email), m => m.Subject.Contains("in batch 2026-W50", StringComparison.Ordinal));
        Assert.Contains("Sent to you on Wednesday 2 December as a hot lead; accepted.", batch.Text);
        Assert.Contains("Sent to you on Wednesday 2 December as a hot lead; accepted.", batch.Html);
    }

    [Fact]
    public async Task The_scorecard_reports_hot_leads_on_their_own_in_business_hours()
    {
        await using var week = Scenario();
        await week.App.PostAsync(LeadRequests.UrlEncoded(DemoRequest("one@hot.example", "One Ltd")));
        await week.App.PostAsync(LeadRequests.UrlEncoded(DemoRequest("two@hot.example", "Two Ltd")));
        var links = week.QualifyLinks(TestSettings.Rita.Email).Concat(week.QualifyLinks(TestSettings.Sam.Email)).ToList();
        Assert.Equal(2, links.Count);
        week.App.Time.Advance(TimeSpan.FromHours(2)); // 12:00: within the deadline
        await week.App.QualifyAsync("POST", links[0], new() { ["decision"] = "accept" });
        week.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero)); // next day 10:00: 7 business hours + 1
        await week.App.QualifyAsync("POST", links[1], new() { ["decision"] = "nurture" });
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));
        await week.RunBatchAsync();

        var card = await week.App.Get<ScorecardService>().BuildAsync(week.App.Get<Weeks.SlaCalendar>().WindowOf("2026-W50")!, 1, CancellationToken.None);
        Assert.Equal(new HotLaneScore(2, 2, 1, 2, 8, 1), card.Hot);
    }
}
