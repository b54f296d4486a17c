using System.Text.Json;
using Azure.Core.Pipeline;
using LeadHandoff.Agreement;
using LeadHandoff.Scorecards;
using LeadHandoff.Tables;
using LeadHandoff.Tests.Batches;
using LeadHandoff.Tests.Faults;
using LeadHandoff.Tests.Infrastructure;
using LeadHandoff.Weeks;
using Microsoft.Extensions.DependencyInjection;

namespace LeadHandoff.Tests.Agreement;

/// <summary>
/// The agreement as versioned data: version 1 from an existing deployment's settings, a change
/// proposed by one side and approved by the other becoming the next version from the next batch
/// week only, every week graded by the version in force at its batch, and exactly one new version
/// under racing approvals, lost storage responses and a crash between the steps.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AgreementTests(AzuriteFixture azurite)
{
    private static readonly AgreementTerms Tighter = new(2, 0.6, 0.5, [], [], []);

    private static async Task<AgreementProposal> ProposeAsync(BatchScenario week, AgreementTerms terms, AgreementSide side = AgreementSide.Marketing)
    {
        var (errors, proposal) = await week.App.Get<AgreementService>().ProposeAsync(terms, side, "Mali Marketing", "Fewer, better leads.", "test-agent/1.0", CancellationToken.None);
        Assert.Equal([], errors.Messages);
        return proposal!;
    }

    [Fact]
    public async Task An_existing_deployment_starts_at_version_1_equal_to_its_settings_from_its_first_batch()
    {
        await using var week = await ScorecardScenario.DecidedWeekAsync(azurite.ConnectionString, s => s["Agreement:QualityTarget"] = "0.25");

        var state = await week.App.Get<AgreementService>().CurrentAsync(CancellationToken.None);

        var v1 = Assert.Single(state.Versions);
        Assert.Equal(1, v1.Number);
        Assert.Equal(new DateOnly(2026, 12, 7), v1.EffectiveFrom); // 2026-W50, the first batch on record
        Assert.Equal(5, v1.Terms.WeeklyTarget); // Sla:WeeklyTarget
        Assert.Equal(0.25, v1.Terms.QualityTarget);
        Assert.Equal(0.9, v1.Terms.OnTimeTarget); // the default
        Assert.Null(state.Open);
        // Settings changed later no longer change the agreement: storage is the truth.
        await using var later = TestApp.Create(azurite.ConnectionString, s => { foreach (var (k, v) in week.App.Settings) s[k] = v; s["Sla:WeeklyTarget"] = "500"; });
        Assert.Equal(5, (await later.Get<AgreementService>().CurrentAsync(CancellationToken.None)).Latest.Terms.WeeklyTarget);
    }

    [Fact]
    public async Task A_change_approved_mid_week_grades_only_from_the_next_batch_week_and_changes_no_past_grade()
    {
        await using var week = await ScorecardScenario.DecidedWeekAsync(azurite.ConnectionString); // now Thursday 10 December, W50's deadline passed
        var calendar = week.App.Get<SlaCalendar>();
        var scorecards = week.App.Get<ScorecardService>();
        var w50 = calendar.WindowOf("2026-W50")!;
        var before = await scorecards.BuildAsync(w50, 1, CancellationToken.None);
        var gradeBefore = JsonSerializer.Serialize(before.Weeks[0]);
        Assert.Equal(1, before.Weeks[0].AgreementVersion);
        Assert.False(before.Weeks[0].Grade.VolumeMet); // 3 of 5
        Assert.Equal(0.5, before.Weeks[0].Grade.Quality); // accepted 1 of the 2 decided by the deadline
        Assert.True(before.Weeks[0].Grade.QualityMet);
        Assert.False(before.Weeks[0].Grade.OnTimeMet); // 2 of 3 against 90%
        Assert.True(before.Weeks[0].Grade.Final);

        var proposal = await ProposeAsync(week, Tighter);
        var (outcome, version) = await week.App.Get<AgreementService>().ApproveAsync(proposal.Id, AgreementSide.Sales, "Sam Sales", "test-agent/1.0", CancellationToken.None);

        Assert.Equal(ProposalOutcome.Done, outcome);
        Assert.Equal(2, version!.Number);
        Assert.Equal(new DateOnly(2026, 12, 14), version.EffectiveFrom); // 2026-W51: the next batch that has not gone out
        var after = await scorecards.BuildAsync(w50, 1, CancellationToken.None);
        Assert.Equal(gradeBefore, JsonSerializer.Serialize(after.Weeks[0])); // W50 stays graded by version 1, to the byte

        // W51 is graded by version 2: two leads meet its target of 2.
        await week.AddLeadAsync("d@delta.example", "Delta");
        await week.AddLeadAsync("e@epsilon.example", "Epsilon");
        week.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 14, 9, 1, 0, TimeSpan.Zero));
        await week.RunBatchAsync();
        var w51 = (await scorecards.BuildAsync(calendar.WindowOf("2026-W51")!, 2, CancellationToken.None)).Weeks;
        Assert.Equal([1, 2], w51.Select(w => w.AgreementVersion));
        Assert.True(w51[1].Grade.VolumeMet);
        Assert.Equal(2, w51[1].Grade.VolumeTarget);
        Assert.False(w51[1].Grade.Final); // its deadline is still ahead: provisional
    }

    [Fact]
    public async Task One_proposal_is_open_at_a_time_the_proposing_side_cannot_approve_it_and_declined_ones_are_kept()
    {
        await using var week = await ScorecardScenario.DecidedWeekAsync(azurite.ConnectionString);
        var agreement = week.App.Get<AgreementService>();
        var first = await ProposeAsync(week, Tighter);

        var (refused, second) = await agreement.ProposeAsync(Tighter with { WeeklyTarget = 9 }, AgreementSide.Sales, "Sam Sales", "", null, CancellationToken.None);
        Assert.Null(second);
        Assert.Equal(["Another proposal is open: approve, decline or withdraw it first."], refused.Messages);
        Assert.Equal(ProposalOutcome.SameSide, (await agreement.ApproveAsync(first.Id, AgreementSide.Marketing, "Mali Marketing", null, CancellationToken.None)).Outcome);
        Assert.Equal(ProposalOutcome.SameSide, await agreement.CloseAsync(first.Id, ProposalState.Withdrawn, AgreementSide.Sales, "Sam Sales", null, CancellationToken.None));

        week.App.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(ProposalOutcome.Done, await agreement.CloseAsync(first.Id, ProposalState.Declined, AgreementSide.Sales, "Sam Sales", "browser/2", CancellationToken.None));
        week.App.Time.Advance(TimeSpan.FromHours(1));
        var (_, third) = await agreement.ProposeAsync(Tighter with { WeeklyTarget = 9 }, AgreementSide.Sales, "Sam Sales", "", null, CancellationToken.None);
        Assert.NotNull(third);
        week.App.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(ProposalOutcome.Done, await agreement.CloseAsync(third!.Id, ProposalState.Withdrawn, AgreementSide.Sales, "Sam Sales", null, CancellationToken.None));

        var state = await agreement.CurrentAsync(CancellationToken.None);
        Assert.Single(state.Versions);
        Assert.Equal([ProposalState.Declined, ProposalState.Withdrawn], state.Proposals.Select(p => p.State));
        var history = await agreement.HistoryAsync(CancellationToken.None);
        Assert.Equal(["proposed", "declined", "proposed", "withdrawn"], history.Select(e => e.What));
        Assert.Equal("browser/2", history[1].UserAgent);
    }

    [Fact]
    public async Task Two_approvals_racing_make_exactly_one_new_version()
    {
        await using var week = await ScorecardScenario.DecidedWeekAsync(azurite.ConnectionString);
        var proposal = await ProposeAsync(week, Tighter);
        // Both approvals read the agreement, then write version 2 at the same moment.
        week.App.Gate.Arm(2, StorageGate.WritesTo(LeadTables.Agreement));

        var results = await Task.WhenAll(
            week.App.Get<AgreementService>().ApproveAsync(proposal.Id, AgreementSide.Sales, "Sam Sales", null, CancellationToken.None),
            week.App.Get<AgreementService>().ApproveAsync(proposal.Id, AgreementSide.Sales, "Sam Sales (second tab)", null, CancellationToken.None));

        Assert.True(week.App.Gate.OpenedFull);
        Assert.All(results, r => Assert.Equal(ProposalOutcome.Done, r.Outcome));
        var state = await week.App.Get<AgreementService>().CurrentAsync(CancellationToken.None);
        Assert.Equal([1, 2], state.Versions.Select(v => v.Number));
        Assert.Equal(ProposalState.Approved, Assert.Single(state.Proposals).State);
        Assert.Null(state.Open);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Approvals_under_lost_responses_and_server_errors_make_exactly_one_new_version(int seed)
    {
        var faults = new StorageFaults(seed, rate: 0.3, StorageFault.LostResponse, StorageFault.ServerError, StorageFault.ResetBeforeSend) { Enabled = false };
        await using var week = await ScorecardScenario.DecidedWeekAsync(azurite.ConnectionString, s =>
        {
            s["Storage:MaxRetries"] = "3";
            s["Storage:RetryDelayMilliseconds"] = "1";
        }, services => services.AddSingleton<HttpPipelinePolicy>(faults));
        var proposal = await ProposeAsync(week, Tighter);
        var agreement = week.App.Get<AgreementService>();

        faults.Enabled = true;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if ((await agreement.ApproveAsync(proposal.Id, AgreementSide.Sales, "Sam Sales", null, CancellationToken.None)).Outcome == ProposalOutcome.Done) break;
            }
            catch (StorageUnavailableException) when (attempt < 50)
            {
                // The person presses Approve again.
            }
        }
        faults.Enabled = false;

        Assert.NotEmpty(faults.Injected);
        var state = await agreement.CurrentAsync(CancellationToken.None);
        Assert.Equal([1, 2], state.Versions.Select(v => v.Number));
        Assert.Equal(proposal.Id, state.Versions[1].ProposalId);
        Assert.Equal(ProposalState.Approved, Assert.Single(state.Proposals).State);
        Assert.Null(state.Open);
    }

    [Fact]
    public async Task An_approval_that_crashed_after_writing_its_version_is_finished_by_the_next_reader()
    {
        var faults = new StorageFaults(seed: 1, rate: 0);
        await using var week = await ScorecardScenario.DecidedWeekAsync(azurite.ConnectionString, overrides: services => services.AddSingleton<HttpPipelinePolicy>(faults));
        var proposal = await ProposeAsync(week, Tighter);
        faults.CrashOnce((_, body) => body.Contains("\"State\":\"Approved\"", StringComparison.Ordinal));

        await Assert.ThrowsAsync<SimulatedCrash>(() => week.App.Get<AgreementService>().ApproveAsync(proposal.Id, AgreementSide.Sales, "Sam Sales", null, CancellationToken.None));

        var state = await week.App.Get<AgreementService>().CurrentAsync(CancellationToken.None);
        Assert.Equal([1, 2], state.Versions.Select(v => v.Number));
        Assert.Equal(ProposalState.Approved, Assert.Single(state.Proposals).State);
        Assert.Equal(2, state.Proposals[0].Version);
        Assert.Null(state.Open);
    }

    [Fact]
    public async Task A_decision_changed_after_the_deadline_is_shown_but_never_re_grades_the_week()
    {
        await using var week = await ScorecardScenario.DecidedWeekAsync(azurite.ConnectionString); // Alpha accepted on time
        var w50 = week.App.Get<SlaCalendar>().WindowOf("2026-W50")!;
        var scorecards = week.App.Get<ScorecardService>();
        var alpha = (await week.App.LeadsAsync()).Single(l => l.Details.Company == "Alpha");

        var changed = await week.App.Get<LeadHandoff.Qualification.QualificationService>().DecideAsync(w50, alpha.Id, alpha.OwnerId!, new LeadHandoff.Qualification.DecisionRequest(LeadHandoff.Leads.Decision.Rejected, "no-budget", null), CancellationToken.None);

        Assert.IsType<LeadHandoff.Qualification.DecisionResult.Changed>(changed);
        var score = (await scorecards.BuildAsync(w50, 1, CancellationToken.None)).Weeks[0];
        Assert.Equal(0, score.Metrics.Accepted); // shown as it is now
        Assert.Equal(1, score.Grade.CountedAcceptedOnTime); // graded as it stood at Wednesday's deadline
        Assert.Equal(0.5, score.Grade.Quality);
    }

    [Theory]
    // Spring forward in London (Sunday 28 March 2027, 01:00 UTC): the batch on Monday is at 08:00 UTC.
    [InlineData("2027-03-28T00:30:00Z", "2027-03-29", "2027-W13")]
    [InlineData("2027-03-29T07:59:00Z", "2027-03-29", "2027-W13")]
    [InlineData("2027-03-29T08:00:00Z", "2027-04-05", "2027-W14")]
    // Fall back (Sunday 31 October 2027): Monday's batch is at 09:00 UTC again.
    [InlineData("2027-11-01T08:59:00Z", "2027-11-01", "2027-W44")]
    [InlineData("2027-11-01T09:00:00Z", "2027-11-08", "2027-W45")]
    // The year's end: 2026 has a week 53; the week after it is 2027's first.
    [InlineData("2026-12-28T09:00:00Z", "2027-01-04", "2027-W01")]
    [InlineData("2026-12-28T08:59:00Z", "2026-12-28", "2026-W53")]
    public async Task A_change_takes_effect_from_the_first_batch_that_has_not_gone_out_across_DST_and_the_years_end(string approvedAt, string weekStart, string weekId)
    {
        var at = DateTimeOffset.Parse(approvedAt, System.Globalization.CultureInfo.InvariantCulture);
        await using var app = TestApp.Create(azurite.ConnectionString, now: at.AddDays(-1));
        var agreement = app.Get<AgreementService>();
        var (_, proposal) = await agreement.ProposeAsync(Tighter, AgreementSide.Sales, "Sam Sales", "", null, CancellationToken.None);
        app.Time.SetUtcNow(at);

        var (_, version) = await agreement.ApproveAsync(proposal!.Id, AgreementSide.Marketing, "Mali Marketing", null, CancellationToken.None);

        var start = DateOnly.Parse(weekStart, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(start, version!.EffectiveFrom);
        Assert.Equal(weekId, BatchWindow.IdOf(version.EffectiveFrom));
        var state = await agreement.CurrentAsync(CancellationToken.None);
        Assert.Equal(1, state.InForce(start.AddDays(-7)).Number);
        Assert.Equal(2, state.InForce(start).Number);
        Assert.Equal(2, state.InForce(start.AddDays(7)).Number);
    }

    [Fact]
    public async Task Mondays_summary_is_the_meetings_agenda_with_last_weeks_grades_this_weeks_new_terms_and_the_offers()
    {
        await using var week = await ScorecardScenario.DecidedWeekAsync(azurite.ConnectionString, s => s["Scorecard:SendWithBatch"] = "true");
        var agreement = week.App.Get<AgreementService>();
        var proposal = await ProposeAsync(week, Tighter);
        Assert.Equal(ProposalOutcome.Done, (await agreement.ApproveAsync(proposal.Id, AgreementSide.Sales, "Sam Sales", null, CancellationToken.None)).Outcome);
        await week.AddLeadAsync("d@delta.example", "Delta");
        await week.AddLeadAsync("e@epsilon.example", "Epsilon", sector: "Retail");
        week.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 14, 9, 1, 0, TimeSpan.Zero));

        await week.RunBatchAsync();

        var summary = Assert.Single(week.SendGrid.Accepted, m => m.LedgerId == "2026-W51.summary");
        Assert.Equal("Lead batch 2026-W51: 2 delivered against a target of 2", summary.Subject);
        Assert.Contains("For this week’s meeting", summary.Text);
        Assert.Contains("Last week, 2026-W50, graded by version 1 of the agreement:", summary.Text);
        Assert.Contains("- Marketing, volume: 3 of 5 leads, not met.", summary.Text);
        Assert.Contains("- Marketing, quality: 50% of the leads decided by the deadline accepted, against 30%: met.", summary.Text);
        Assert.Contains("- Sales, on time: 66.7% of the leads decided by the deadline, against 90%: not met.", summary.Text);
        Assert.Contains("From this batch, version 2 of the agreement applies:", summary.Text);
        Assert.Contains("- Weekly target: 5 → 2", summary.Text);
        Assert.Contains("- Quality target: 30% → 60%", summary.Text);
        Assert.Contains("No change to the agreement is proposed.", summary.Text);
        Assert.Contains("Highest acceptance over the last 8 weeks: pricing-guide, 33.3% of its 3 leads accepted.", summary.Text);
        Assert.Contains("https://leadhandoff.example.net/api/staff/agreement", summary.Text);
        Assert.Contains("<h2", summary.Html);
        Assert.Contains("For this week’s meeting", System.Net.WebUtility.HtmlDecode(summary.Html));
        var scorecard = Assert.Single(week.SendGrid.Accepted, m => m.LedgerId == "2026-W51.scorecard");
        Assert.Contains("Agreement (version 1): quality 50% against 30%: met; on time 66.7% against 90%: not met", scorecard.Text);
        Assert.Contains("https://leadhandoff.example.net/api/staff/agreement", scorecard.Text);
    }

    [Fact]
    public async Task Leads_outside_the_lead_definition_are_delivered_and_counted_apart_in_the_summary_and_the_grade()
    {
        await using var week = BatchScenario.Create(azurite.ConnectionString, s => s["Agreement:Sectors:0"] = "Software");
        await week.AddLeadAsync("a@alpha.example", "Alpha");
        await week.AddLeadAsync("b@beta.example", "Beta", sector: "Retail");
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));

        await week.RunBatchAsync();

        Assert.Equal(2, (await week.App.LeadsAsync()).Count(l => l.OwnerId is not null)); // both went to sales
        var summary = Assert.Single(week.SendGrid.Accepted, m => m.LedgerId == "2026-W50.summary");
        Assert.Equal("Lead batch 2026-W50: 1 delivered against a target of 5 (4 short)", summary.Subject);
        Assert.Contains("1 lead was outside the agreement’s lead definition: it went to sales, but does not count towards the target.", summary.Text);
        var grade = (await week.App.Get<ScorecardService>().BuildAsync(week.App.Get<SlaCalendar>().WindowOf("2026-W50")!, 1, CancellationToken.None)).Weeks[0].Grade;
        Assert.Equal((1, 1), (grade.Counted, grade.OutOfDefinition));
    }
}
