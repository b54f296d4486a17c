using LeadHandoff.Agreement;
using LeadHandoff.Deadlines;
using LeadHandoff.Functions.Agreement;
using LeadHandoff.Qualification;
using LeadHandoff.Tests.Batches;
using LeadHandoff.Tests.Functions.Intake;
using LeadHandoff.Tests.Infrastructure;
using LeadHandoff.Weeks;

namespace LeadHandoff.Tests.Agreement;

/// <summary>
/// Sales' side of the agreement runs from the version in force, not the settings: the hot lane's
/// response time for leads of the open week, the reject reasons for the week sales is deciding, and
/// the escalation ladder of each batch's own week. Version 1 is the settings.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SalesTermsTests(AzuriteFixture azurite)
{
    private static async Task ChangeAsync(BatchScenario week, Func<AgreementTerms, AgreementTerms> change)
    {
        var agreement = week.App.Get<AgreementService>();
        var terms = change((await agreement.CurrentAsync(CancellationToken.None)).Latest.Terms);
        var (errors, proposal) = await agreement.ProposeAsync(terms, AgreementSide.Sales, "Sam Sales", "", null, CancellationToken.None);
        Assert.Equal([], errors.Messages);
        Assert.Equal(ProposalOutcome.Done, (await agreement.ApproveAsync(proposal!.Id, AgreementSide.Marketing, "Mali Marketing", null, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task Version_1_holds_the_settings_sales_terms()
    {
        await using var week = BatchScenario.Create(azurite.ConnectionString, s => s["HotLane:DeadlineBusinessHours"] = "6");

        var terms = (await week.App.Get<AgreementService>().CurrentAsync(CancellationToken.None)).Latest.Terms;

        Assert.Equal(6, terms.HotLaneHours);
        Assert.Equal(LeadHandoff.Leads.QualificationOptions.Defaults.Select(r => (r.Id, r.Label, r.ThaiLabel)), terms.Reasons.Select(r => (r.Id, r.Label, r.ThaiLabel)));
        Assert.Equal(["0 h: Owner, Reminder", "24 h: Manager, Escalation"], terms.Steps.Select(s => s.ToString()));
    }

    [Fact]
    public async Task A_hot_lead_is_due_in_the_hours_of_the_version_for_its_week()
    {
        await using var week = BatchScenario.Create(azurite.ConnectionString, s => s["HotLane:Offers:0"] = "demo-request");
        var demo = LeadRequests.Valid("first@hot.example");
        demo["offer"] = "demo-request";
        await week.App.PostAsync(LeadRequests.UrlEncoded(demo)); // Wednesday 10:00: due 14:00

        await ChangeAsync(week, t => t with { HotLaneHours = 6 });
        demo["email"] = "second@hot.example";
        await week.App.PostAsync(LeadRequests.UrlEncoded(demo)); // the same open week, now under version 2: due 16:00

        var due = (await week.App.LeadsAsync()).OrderBy(l => l.Details.Email).Select(l => (l.Details.Email, l.Hot!.DueAt)).ToList();
        Assert.Equal([("first@hot.example", new DateTimeOffset(2026, 12, 2, 14, 0, 0, TimeSpan.Zero)), ("second@hot.example", new DateTimeOffset(2026, 12, 2, 16, 0, 0, TimeSpan.Zero))], due);
    }

    [Fact]
    public async Task New_reject_reasons_apply_when_the_week_they_grade_is_the_one_sales_decides()
    {
        await using var week = await ScorecardScenario.DecidedWeekAsync(azurite.ConnectionString); // Thursday 10 December; W50 being decided
        await ChangeAsync(week, t => t with { RejectReasons = [.. t.Reasons, new AgreementReason("timing", "Bad timing", "จังหวะไม่เหมาะ")] });
        var qualification = week.App.Get<QualificationService>();

        Assert.DoesNotContain(qualification.Reasons, r => r.Id == "timing"); // W50 is graded by version 1
        Assert.Contains(qualification.Parse(new Dictionary<string, string> { ["decision"] = "reject", ["reason"] = "timing" }).Errors.Fields, f => f == "reason");

        week.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 14, 9, 1, 0, TimeSpan.Zero)); // W51's batch has gone: sales decides W51 now
        await week.RunBatchAsync();
        await week.App.Get<AgreementService>().CurrentAsync(CancellationToken.None);
        Assert.Equal("จังหวะไม่เหมาะ", Assert.Single(qualification.Reasons, r => r.Id == "timing").LabelIn("th"));
        Assert.Equal(0, qualification.Parse(new Dictionary<string, string> { ["decision"] = "reject", ["reason"] = "timing" }).Errors.Count);
    }

    [Fact]
    public async Task Each_batch_is_chased_by_the_ladder_of_its_own_weeks_version()
    {
        await using var week = BatchScenario.Create(azurite.ConnectionString);
        await week.AddLeadAsync("a@alpha.example", "Alpha");
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));
        await week.RunBatchAsync(); // W50, chased by version 1: a reminder at the deadline, the manager a day later
        await ChangeAsync(week, t => t with { Ladder = [new AgreementStep(0, "Owner", "Reminder"), new AgreementStep(48, "MarketingLead", "Escalation")] });
        await week.AddLeadAsync("b@beta.example", "Beta");
        week.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 14, 9, 1, 0, TimeSpan.Zero));
        await week.RunBatchAsync(); // W51, under version 2

        week.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 21, 8, 0, 0, TimeSpan.Zero)); // after both ladders' last steps
        await week.App.Get<DeadlineService>().RunAsync(CancellationToken.None);

        var escalations = week.SendGrid.Accepted.Where(m => m.Subject.StartsWith("Escalation", StringComparison.Ordinal)).Select(m => (m.LedgerId.Split('.')[0], m.To.Single())).Order().ToList();
        Assert.Equal([("2026-W50", "manager@example.com"), ("2026-W51", "marketing@example.com")], escalations);
    }

    [Fact]
    public async Task The_form_and_the_json_read_reasons_and_the_ladder_one_per_line()
    {
        Assert.Equal([new AgreementReason("timing", "Bad timing", "จังหวะไม่เหมาะ"), new AgreementReason("other", "Other")],
            AgreementForm.Reasons("timing | Bad timing | จังหวะไม่เหมาะ\r\n\r\nother | Other"));
        Assert.Equal([new AgreementStep(0, "Owner", "Reminder"), new AgreementStep(24, "Address", "Escalation", "ops@example.com")],
            AgreementForm.Ladder("0 owner reminder\n24 Address Escalation ops@example.com"));
        Assert.Null(AgreementForm.Ladder("soon Manager Escalation"));
        var current = new AgreementTerms(5, 0.3, 0.9, [], [], [], 4, [new("other", "Other")], [new(0, "Owner", "Reminder")]);
        var (_, errors) = AgreementForm.Read(new Dictionary<string, string> { ["ladder"] = "24 Owner Escalation" }, current);
        Assert.Equal(["ladder, step 1: owners get the Reminder template."], errors.Messages);
    }

    [Fact]
    public async Task The_scorecard_email_names_a_reason_only_a_later_version_offers_in_its_words()
    {
        await using var week = await ScorecardScenario.DecidedWeekAsync(azurite.ConnectionString, s => s["Scorecard:SendWithBatch"] = "true");
        await ChangeAsync(week, t => t with { RejectReasons = [.. t.Reasons, new AgreementReason("timing", "Bad timing", "จังหวะไม่เหมาะ")] });
        await week.AddLeadAsync("d@delta.example", "Delta");
        week.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 14, 9, 1, 0, TimeSpan.Zero));
        await week.RunBatchAsync();
        var w51 = week.App.Get<SlaCalendar>().WindowOf("2026-W51")!;
        var delta = (await week.App.LeadsAsync("2026-W51")).Single(l => l.Details.Company == "Delta");
        await week.App.Get<QualificationService>().DecideAsync(w51, delta.Id, delta.OwnerId!, new DecisionRequest(LeadHandoff.Leads.Decision.Rejected, "timing", null), CancellationToken.None);

        week.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 21, 9, 1, 0, TimeSpan.Zero));
        await week.RunBatchAsync();

        var scorecard = Assert.Single(week.SendGrid.Accepted, m => m.LedgerId == "2026-W52.scorecard");
        Assert.Contains("Bad timing 1", System.Net.WebUtility.HtmlDecode(scorecard.Html));
    }

    [Fact]
    public async Task Each_week_has_the_deadline_of_its_version_and_a_decision_is_on_time_by_it()
    {
        await using var week = await ScorecardScenario.DecidedWeekAsync(azurite.ConnectionString); // Thursday 10 December
        await ChangeAsync(week, t => t with { DeadlineDay = DayOfWeek.Thursday, DeadlineTime = new TimeOnly(12, 0) });
        var calendar = week.App.Get<SlaCalendar>();

        Assert.Equal(new DateTimeOffset(2026, 12, 9, 17, 0, 0, TimeSpan.Zero), calendar.WindowOf("2026-W50")!.DeadlineAt); // version 1: Wednesday 17:00
        Assert.Equal(new DateTimeOffset(2026, 12, 17, 12, 0, 0, TimeSpan.Zero), calendar.WindowOf("2026-W51")!.DeadlineAt); // version 2: Thursday 12:00

        await week.AddLeadAsync("d@delta.example", "Delta");
        week.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 14, 9, 1, 0, TimeSpan.Zero));
        await week.RunBatchAsync();
        Assert.Contains(week.SendGrid.Accepted, m => m.LedgerId.StartsWith("2026-W51.owner-", StringComparison.Ordinal) && m.Text.Contains("Thursday 17 December 2026, 12:00", StringComparison.Ordinal));
        week.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 17, 11, 0, 0, TimeSpan.Zero)); // after Wednesday 17:00, before Thursday noon
        var delta = (await week.App.LeadsAsync("2026-W51")).Single();
        await week.App.Get<QualificationService>().DecideAsync(calendar.WindowOf("2026-W51")!, delta.Id, delta.OwnerId!, new DecisionRequest(LeadHandoff.Leads.Decision.Accepted, null, null), CancellationToken.None);
        Assert.True((await week.App.LeadsAsync("2026-W51")).Single().FirstDecision!.OnTime);
    }

    [Fact]
    public async Task A_deadline_before_the_batch_is_refused_naming_it()
    {
        await using var week = BatchScenario.Create(azurite.ConnectionString);
        var agreement = week.App.Get<AgreementService>();
        var current = (await agreement.CurrentAsync(CancellationToken.None)).Latest.Terms;

        var (errors, proposal) = await agreement.ProposeAsync(current with { DeadlineDay = DayOfWeek.Monday, DeadlineTime = new TimeOnly(8, 0) }, AgreementSide.Sales, "Sam", "", null, CancellationToken.None);

        Assert.Null(proposal);
        Assert.Equal(["The deadline must fall after the batch, in the same Monday-to-Sunday week; deadlineDay is a day such as Wednesday and deadlineTime is HH:mm."], errors.Messages);
    }
}
