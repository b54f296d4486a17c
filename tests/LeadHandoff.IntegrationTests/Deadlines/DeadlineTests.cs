using LeadHandoff.Deadlines;
using LeadHandoff.Leads;
using LeadHandoff.Qualification;
using LeadHandoff.Tests.Batches;
using LeadHandoff.Tests.Infrastructure;
using LeadHandoff.Weeks;
using Microsoft.Extensions.DependencyInjection;

namespace LeadHandoff.Tests.Deadlines;

/// <summary>
/// The escalation ladder over simulated weeks. Batch 2026-W50 goes out Monday 7 December 09:01; its
/// deadline is Wednesday 9 December 17:00 London (UTC in winter); the escalation is due Thursday 17:00.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DeadlineTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Deadline = new(2026, 12, 9, 17, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset EscalationDue = Deadline.AddDays(1);

    /// <summary>Alpha and Delta to rep-1 (Rita), Beta to rep-2 (Sam), Gamma to rep-3 (Maya); the batch sent.</summary>
    private async Task<(BatchScenario Week, Dictionary<string, string> Ids)> SentWeekAsync(Action<Dictionary<string, string?>>? configure = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? overrides = null)
    {
        var week = BatchScenario.Create(azurite.ConnectionString, configure, overrides);
        var start = week.App.Time.GetUtcNow();
        var ids = new Dictionary<string, string>
        {
            ["Alpha"] = (await week.AddLeadAsync("a@alpha.example", "Alpha", at: start)).LeadId,
            ["Beta"] = (await week.AddLeadAsync("b@beta.example", "Beta", at: start.AddMinutes(1))).LeadId,
            ["Gamma"] = (await week.AddLeadAsync("c@gamma.example", "Gamma", "Manufacturing", at: start.AddMinutes(2))).LeadId,
            ["Delta"] = (await week.AddLeadAsync("d@delta.example", "Delta", at: start.AddMinutes(3))).LeadId,
        };
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));
        await week.RunBatchAsync();
        while (week.SendGrid.Accepted.TryDequeue(out _)) { } // only the deadline's emails matter here
        return (week, ids);
    }

    private static async Task DecideAsync(BatchScenario week, string leadId, string ownerId, Decision decision = Decision.Accepted)
    {
        var window = week.App.Get<SlaCalendar>().WindowOf("2026-W50")!;
        var result = await week.App.Get<QualificationService>().DecideAsync(window, leadId, ownerId, new DecisionRequest(decision, null, null), CancellationToken.None);
        Assert.IsType<DecisionResult.Recorded>(result);
    }

    private static Task<DeadlineRunResult> RunAsync(BatchScenario week) => week.App.Get<DeadlineService>().RunAsync(CancellationToken.None);

    private static List<(DateTimeOffset At, string To, string Subject)> Mails(BatchScenario week) =>
        week.SendGrid.Accepted.Select(m => (m.ReceivedAt, m.To[0], m.Subject)).OrderBy(m => m.ReceivedAt).ThenBy(m => m.Item2).ToList();

    [Fact]
    public async Task The_whole_ladder_over_a_week_sends_the_right_emails_at_the_right_instants()
    {
        var (week, ids) = await SentWeekAsync();
        await using var _ = week;
        var betaDecidedAt = new DateTimeOffset(2026, 12, 8, 11, 0, 0, TimeSpan.Zero);

        // A heartbeat every 15 minutes from Monday 09:15 to Friday 18:00; Sam decides Beta on Tuesday at 11:00.
        for (var at = BatchScenario.CutOff.AddMinutes(15); at <= new DateTimeOffset(2026, 12, 11, 18, 0, 0, TimeSpan.Zero); at = at.AddMinutes(15))
        {
            week.App.Time.SetUtcNow(at);
            if (at == betaDecidedAt) await DecideAsync(week, ids["Beta"], "rep-2");
            await RunAsync(week);
        }

        Assert.Equal(
        [
            (Deadline, "maya@example.com", "Reminder: 1 lead from batch 2026-W50 past the deadline (due now)"),
            (Deadline, "rita@example.com", "Reminder: 2 leads from batch 2026-W50 past the deadline (due now)"),
            (EscalationDue, "manager@example.com", "Escalation: 3 leads from batch 2026-W50 undecided past the deadline"),
        ], Mails(week));
        var rita = Assert.Single(week.SendGrid.To("rita@example.com"));
        Assert.Contains("Alpha", rita.Text);
        Assert.Contains("Delta", rita.Text);
        Assert.Contains("Qualify: https://leadhandoff.example.net/api/qualify?t=", rita.Text);
        Assert.Contains("Decide them all on one page: https://leadhandoff.example.net/api/batch?t=", rita.Text);
        var escalation = Assert.Single(week.SendGrid.To("manager@example.com"));
        Assert.Equal(["marketing@example.com"], escalation.Cc);
        Assert.Matches(@"Rita Rep: 2 undecided\r\n  \* Alpha \(24 hours late\): \S+#lead-\w+\r\n  \* Delta \(24 hours late\): \S+#lead-\w+\r\n", escalation.Text);
        Assert.Matches(@"Maya Maker: 1 undecided\r\n  \* Gamma \(24 hours late\): \S+#lead-\w+", escalation.Text);
        Assert.DoesNotContain("Beta", escalation.Text);
        var leads = (await week.App.LeadsAsync("2026-W50")).ToDictionary(l => l.Details.Company, l => l.Unworked);
        Assert.Equal(new Dictionary<string, bool> { ["Alpha"] = true, ["Beta"] = false, ["Gamma"] = true, ["Delta"] = true }, leads);
        Assert.Empty(await week.App.Get<BatchLedger>().ListOpenBatchesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_decision_between_reminder_and_escalation_drops_that_lead_from_the_escalation()
    {
        var (week, ids) = await SentWeekAsync();
        await using var _ = week;
        week.App.Time.SetUtcNow(Deadline);
        await RunAsync(week);
        week.App.Time.SetUtcNow(Deadline.AddHours(17));
        await DecideAsync(week, ids["Alpha"], "rep-1", Decision.Rejected);

        week.App.Time.SetUtcNow(EscalationDue);
        await RunAsync(week);

        var escalation = Assert.Single(week.SendGrid.To("manager@example.com"));
        Assert.DoesNotContain("Alpha", escalation.Text);
        Assert.Contains("Rita Rep: 1 undecided\r\n  * Delta", escalation.Text);
    }

    [Fact]
    public async Task A_thai_manager_on_the_roster_gets_the_escalation_and_the_teams_week_in_thai()
    {
        var (week, ids) = await SentWeekAsync();
        await using var _ = week;
        await week.App.Get<LeadHandoff.Team.TeamAdminService>().SaveMemberAsync(
            new LeadHandoff.Team.TeamMember("mgr-1", "สมศักดิ์ ผู้จัดการ", "manager@example.com", LeadHandoff.Team.TeamRole.Manager, Language: "th"), CancellationToken.None);
        week.App.Time.SetUtcNow(EscalationDue);
        await RunAsync(week);

        var escalation = Assert.Single(week.SendGrid.To("manager@example.com"));
        Assert.StartsWith("แจ้งผู้จัดการ: ", escalation.Subject);
        Assert.Contains("จากรอบ 2026-W50 ยังไม่ได้ตัดสินใจหลังกำหนด", escalation.Subject);
        Assert.Contains("กำหนดคัดกรองคือวันพุธที่ 9 ธันวาคม 2569 เวลา 17:00 น. (Europe/London) ลีดเหล่านี้ช้า 24 ชั่วโมง", escalation.Text);
        Assert.Contains("<html lang=\"th\">", escalation.Html);
        Assert.Contains("  * Delta (ช้า 24 ชั่วโมง)", escalation.Text); // the company as typed
        Assert.DoesNotContain("undecided", escalation.Text);

        var team = System.Text.RegularExpressions.Regex.Match(escalation.Text, @"ดูงานของทั้งทีมในสัปดาห์นี้: (\S+)").Groups[1].Value;
        var page = await week.App.GetAsync(new Uri(team).PathAndQuery, http => week.App.Function<LeadHandoff.Functions.TeamWeek.TeamPage>().Run(http, CancellationToken.None));
        Assert.Equal(200, page.Status);
        Assert.Contains("<html lang=\"th\">", page.Body);
        Assert.Contains("<h1>ลีดของทีมคุณในรอบ 2026-W50</h1>", page.Body);
        Assert.Contains("ยังไม่ตัดสินใจ ช้า", page.Body);
        Assert.Contains("<summary>ย้ายหรือตัดสินใจ</summary>", page.Body);
        Assert.Contains("รับ: เป็นลีดที่ฝ่ายขายรับรอง (SQL)", page.Body); // the decision form in the same language
        Assert.Contains("<strong>Delta</strong>", page.Body);
    }

    [Fact]
    public async Task The_escalation_links_the_managers_team_view_and_each_late_lead_in_it()
    {
        var (week, ids) = await SentWeekAsync();
        await using var _ = week;
        week.App.Time.SetUtcNow(Deadline.AddHours(1));
        await DecideAsync(week, ids["Alpha"], "rep-1");
        week.App.Time.SetUtcNow(EscalationDue);
        await RunAsync(week);

        var escalation = Assert.Single(week.SendGrid.To("manager@example.com"));
        var team = System.Text.RegularExpressions.Regex.Match(escalation.Text, @"See the whole team's week: (\S+)").Groups[1].Value;
        Assert.StartsWith("https://leadhandoff.example.net/api/team?t=", team);
        Assert.Contains($"  * Delta (", escalation.Text);
        Assert.Contains($"{team}#lead-{ids["Delta"]}", escalation.Text);
        Assert.Contains($"href=\"{team.Replace("&", "&amp;", StringComparison.Ordinal)}#lead-{ids["Gamma"]}\"", escalation.Html);

        var page = await week.App.GetAsync(new Uri(team).PathAndQuery, http => week.App.Function<LeadHandoff.Functions.TeamWeek.TeamPage>().Run(http, CancellationToken.None));
        Assert.Equal(200, page.Status);
        Assert.Contains("<h2 id=\"rep-rep-1\">Rita Rep</h2>", page.Body);
        Assert.Contains($"<li id=\"lead-{ids["Delta"]}\"><strong>Delta</strong>", page.Body);
        Assert.Contains("Undecided, late", page.Body);
        Assert.Contains("Accepted (SQL)", page.Body);
        Assert.Equal("no-store", page.Header("Cache-Control"));

        var forged = await week.App.GetAsync(new Uri(team).PathAndQuery[..^3] + "AAA", http => week.App.Function<LeadHandoff.Functions.TeamWeek.TeamPage>().Run(http, CancellationToken.None));
        Assert.Equal(403, forged.Status);
        // A rep's batch link opens no team view: purposes do not mix.
        var batchLink = new Uri(week.App.Get<LeadHandoff.Links.LinkBuilder>().Batch("2026-W50", "rep-1")).PathAndQuery.Replace("/api/batch", "/api/team", StringComparison.Ordinal);
        var wrong = await week.App.GetAsync(batchLink, http => week.App.Function<LeadHandoff.Functions.TeamWeek.TeamPage>().Run(http, CancellationToken.None));
        Assert.Equal(403, wrong.Status);
    }

    [Fact]
    public async Task Five_overlapping_runs_send_each_step_once()
    {
        var (week, _) = await SentWeekAsync();
        await using var __ = week;
        week.App.Time.SetUtcNow(EscalationDue.AddHours(1));
        var before = week.SendGrid.Requests.Count;
        // Every run has read the open batches before any of them claims a step's email: the race really runs.
        week.App.Gate.Arm(5, StorageGate.WritesTo("Ledger"));

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => RunAsync(week))));
        Assert.True(week.App.Gate.OpenedFull, $"only {week.App.Gate.Arrived} of 5 runs reached their first claim together");
        await RunAsync(week);

        Assert.Single(week.SendGrid.To("rita@example.com"));
        Assert.Single(week.SendGrid.To("sam@example.com"));
        Assert.Single(week.SendGrid.To("maya@example.com"));
        Assert.Single(week.SendGrid.To("manager@example.com"));
        Assert.Equal(4, week.SendGrid.Requests.Count - before);
    }

    [Fact]
    public async Task A_run_three_days_late_sends_each_due_step_once_with_the_current_state()
    {
        var (week, ids) = await SentWeekAsync();
        await using var _ = week;
        week.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 12, 10, 0, 0, TimeSpan.Zero)); // Saturday: no run since Monday
        await DecideAsync(week, ids["Alpha"], "rep-1");
        week.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 12, 17, 0, 0, TimeSpan.Zero));

        await RunAsync(week);
        await RunAsync(week);

        var rita = Assert.Single(week.SendGrid.To("rita@example.com"));
        Assert.DoesNotContain("Alpha", rita.Text);
        Assert.True(rita.Text.Contains("Delta, Buyer (3 days late)"), rita.Text);
        var escalation = Assert.Single(week.SendGrid.To("manager@example.com"));
        Assert.DoesNotContain("Alpha", escalation.Text);
        Assert.Equal(4, week.SendGrid.Accepted.Count);
    }

    [Fact]
    public async Task A_holiday_after_the_deadline_moves_the_escalation_to_the_next_business_day()
    {
        var (week, _) = await SentWeekAsync(s => s["Sla:Holidays:0"] = "2026-12-10");
        await using var __ = week;

        week.App.Time.SetUtcNow(EscalationDue);
        await RunAsync(week);
        var beforeFriday = week.SendGrid.To("manager@example.com").Count;
        week.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 11, 17, 0, 0, TimeSpan.Zero));
        await RunAsync(week);

        Assert.Equal(0, beforeFriday);
        Assert.Single(week.SendGrid.To("manager@example.com"));
    }

    [Fact]
    public async Task Across_a_DST_change_the_reminder_goes_at_17_00_local_time()
    {
        await using var week = BatchScenario.Create(azurite.ConnectionString);
        // Batch 2027-W13 goes out Monday 29 March 2027 09:00 BST; its deadline is Wednesday 31 March 17:00 BST = 16:00 UTC.
        await week.AddLeadAsync("a@alpha.example", "Alpha", at: new DateTimeOffset(2027, 3, 26, 12, 0, 0, TimeSpan.Zero));
        week.App.Time.SetUtcNow(new DateTimeOffset(2027, 3, 29, 8, 1, 0, TimeSpan.Zero));
        Assert.Equal("2027-W13", (await week.RunBatchAsync()).WindowId);
        while (week.SendGrid.Accepted.TryDequeue(out _)) { }

        week.App.Time.SetUtcNow(new DateTimeOffset(2027, 3, 31, 15, 59, 0, TimeSpan.Zero));
        await RunAsync(week);
        var early = week.SendGrid.Accepted.Count;
        week.App.Time.SetUtcNow(new DateTimeOffset(2027, 3, 31, 16, 0, 0, TimeSpan.Zero));
        await RunAsync(week);

        Assert.Equal(0, early);
        Assert.Single(week.SendGrid.To("rita@example.com"));
    }

    [Fact]
    public async Task No_email_goes_out_when_everything_was_decided_on_time()
    {
        var (week, ids) = await SentWeekAsync();
        await using var _ = week;
        foreach (var (company, owner) in new[] { ("Alpha", "rep-1"), ("Beta", "rep-2"), ("Gamma", "rep-3"), ("Delta", "rep-1") })
            await DecideAsync(week, ids[company], owner);

        week.App.Time.SetUtcNow(EscalationDue.AddDays(2));
        var result = await RunAsync(week);

        Assert.DoesNotContain(week.SendGrid.Requests, r => r.Subject.StartsWith("Reminder") || r.Subject.StartsWith("Escalation"));
        Assert.Equal(new DeadlineRunResult(1, 0, 1), result);
        Assert.All(await week.App.LeadsAsync("2026-W50"), l => Assert.False(l.Unworked));
    }

    [Fact]
    public async Task A_run_racing_decisions_never_reminds_about_a_lead_decided_before_its_email_was_composed()
    {
        var (week, ids) = await SentWeekAsync();
        await using var _ = week;
        week.App.Time.SetUtcNow(Deadline.AddMinutes(5));
        await DecideAsync(week, ids["Gamma"], "rep-3");

        var run = Task.Run(() => RunAsync(week));
        var decisions = Task.Run(async () =>
        {
            await DecideAsync(week, ids["Alpha"], "rep-1");
            await DecideAsync(week, ids["Beta"], "rep-2");
        });
        await Task.WhenAll(run, decisions);

        Assert.Empty(week.SendGrid.To("maya@example.com")); // decided before the run began
        Assert.All(week.SendGrid.Accepted, mail => Assert.DoesNotContain("Gamma", mail.Text));
        Assert.Contains("Delta", Assert.Single(week.SendGrid.To("rita@example.com")).Text);
        // The racing decisions themselves: each recorded once, as the first revision, and out of the escalation.
        foreach (var lead in new[] { "Alpha", "Beta" })
            Assert.Equal([1], (await week.App.Get<LeadHandoff.Leads.DecisionStore>().DecisionHistoryAsync("2026-W50", ids[lead], CancellationToken.None)).Select(h => h.Revision));
        week.App.Time.SetUtcNow(EscalationDue);
        await RunAsync(week);
        var escalation = Assert.Single(week.SendGrid.To("manager@example.com")).Text;
        Assert.Contains("Delta", escalation);
        Assert.DoesNotContain("Alpha", escalation);
        Assert.DoesNotContain("Beta", escalation);
    }

    [Fact]
    public async Task An_escalation_to_a_manager_who_is_also_the_marketing_lead_names_the_address_once()
    {
        var (week, _) = await SentWeekAsync(s => { s["Email:SalesManagerEmail"] = "head@example.com"; s["Email:MarketingLeadEmail"] = "HEAD@example.com"; });
        await using var _ = week;
        week.App.Time.SetUtcNow(EscalationDue);

        await RunAsync(week);

        var escalation = Assert.Single(week.SendGrid.Accepted, m => m.Subject.StartsWith("Escalation", StringComparison.Ordinal));
        Assert.Equal(["head@example.com"], escalation.To);
        Assert.Empty(escalation.Cc);
    }

    [Fact]
    public async Task A_decision_landing_after_a_reminder_was_composed_is_in_that_reminder_and_out_of_the_escalation()
    {
        Dictionary<string, string> ids = [];
        BatchScenario? scenario = null;
        var decided = 0;
        // Decides Alpha the moment Rita's reminder, already composed, reaches the sender.
        var (week, leads) = await SentWeekAsync(overrides: services => services.AddSingleton<LeadHandoff.Email.IEmailSender>(sp =>
            new DecidingSender(sp.GetRequiredService<LeadHandoff.Email.SendGridEmailSender>(), async message =>
            {
                if (message.Subject.StartsWith("Reminder", StringComparison.Ordinal) && message.To.Contains("rita@example.com") && Interlocked.Exchange(ref decided, 1) == 0)
                    await DecideAsync(scenario!, ids["Alpha"], "rep-1");
            })));
        await using var _ = week;
        scenario = week;
        ids = leads;
        week.App.Time.SetUtcNow(Deadline);

        await RunAsync(week);
        week.App.Time.SetUtcNow(EscalationDue);
        await RunAsync(week);

        Assert.Equal(1, decided);
        var reminder = Assert.Single(week.SendGrid.To("rita@example.com")).Text;
        Assert.Contains("Alpha", reminder);
        Assert.Contains("Delta", reminder);
        var escalation = Assert.Single(week.SendGrid.To("manager@example.com")).Text;
        Assert.DoesNotContain("Alpha", escalation);
        Assert.Contains("Delta", escalation);
    }

    private sealed class DecidingSender(LeadHandoff.Email.IEmailSender inner, Func<LeadHandoff.Email.EmailMessage, Task> before) : LeadHandoff.Email.IEmailSender
    {
        public async Task<LeadHandoff.Email.SendOutcome> SendAsync(LeadHandoff.Email.EmailMessage message, CancellationToken cancellationToken)
        {
            await before(message);
            return await inner.SendAsync(message, cancellationToken);
        }
    }
}
