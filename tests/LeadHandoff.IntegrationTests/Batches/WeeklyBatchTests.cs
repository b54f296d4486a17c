using LeadHandoff.Batches;
using LeadHandoff.Email;
using LeadHandoff.Functions.Batches;
using LeadHandoff.Leads;
using LeadHandoff.Tests.Faults;
using LeadHandoff.Tests.Infrastructure;
using LeadHandoff.Weeks;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace LeadHandoff.Tests.Batches;

[Collection(AzuriteCollection.Name)]
public sealed partial class WeeklyBatchTests(AzuriteFixture azurite)
{
    private BatchScenario Scenario(Action<Dictionary<string, string?>>? configure = null, Action<IServiceCollection>? overrides = null) =>
        BatchScenario.Create(azurite.ConnectionString, configure, overrides);

    private static async Task SeedFourLeadsAsync(BatchScenario week)
    {
        var start = week.App.Time.GetUtcNow();
        await week.AddLeadAsync("a@alpha.example", "Alpha", "Software", "11-50", start);
        await week.AddLeadAsync("b@beta.example", "Beta", "Retail", "1-10", start.AddMinutes(1));
        await week.AddLeadAsync("c@gamma.example", "Gamma", "Manufacturing", "51-200", start.AddMinutes(2));
        await week.AddLeadAsync("d@delta.example", "Delta", "Software", "1-10", start.AddMinutes(3));
    }

    private static Task FireTimerAsync(BatchScenario week, bool isPastDue = false) =>
        week.App.Function<RunWeeklyBatch>().Run(new TimerInfo { IsPastDue = isPastDue }, CancellationToken.None);

    [Fact]
    public async Task After_the_cut_off_each_owner_gets_their_leads_and_the_manager_and_marketing_get_the_summary()
    {
        await using var week = Scenario();
        await SeedFourLeadsAsync(week);
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));

        await FireTimerAsync(week);

        var rita = Assert.Single(week.SendGrid.To("rita@example.com"));
        Assert.Contains("Alpha", rita.Html);
        Assert.Contains("Delta", rita.Html);
        Assert.DoesNotContain("Beta", rita.Html);
        Assert.Equal("2 leads for you in batch 2026-W50: decide by Wed 9 Dec 17:00", rita.Subject);
        Assert.Equal("2026-W50.owner-rep-1", rita.LedgerId);
        Assert.Contains("Beta", Assert.Single(week.SendGrid.To("sam@example.com")).Html);
        Assert.Contains("Gamma", Assert.Single(week.SendGrid.To("maya@example.com")).Html);
        var summary = Assert.Single(week.SendGrid.To("manager@example.com"));
        Assert.Equal(["manager@example.com", "marketing@example.com"], summary.To);
        Assert.Contains("Target missed: 4 leads delivered against a target of 5, 1 short (80% of target).", summary.Text);
        Assert.Equal("Lead batch 2026-W50: 4 delivered against a target of 5 (1 short)", summary.Subject);
        Assert.Equal(4, week.SendGrid.Accepted.Count);

        var owners = (await week.App.LeadsAsync("2026-W50")).ToDictionary(l => l.Details.Company, l => l.OwnerId);
        Assert.Equal(new Dictionary<string, string?> { ["Alpha"] = "rep-1", ["Beta"] = "rep-2", ["Gamma"] = "rep-3", ["Delta"] = "rep-1" }, owners);
        Assert.Equal(BatchLedger.Sent, (await week.App.Get<BatchLedger>().GetAsync("2026-W50", CancellationToken.None))!.Status);

        await FireTimerAsync(week);
        week.App.Time.Advance(TimeSpan.FromHours(30));
        await FireTimerAsync(week);
        Assert.Equal(4, week.SendGrid.Requests.Count);
    }

    [Fact]
    public async Task A_window_with_no_leads_still_sends_the_summary_saying_the_target_was_missed()
    {
        await using var week = Scenario();

        var result = await week.RunBatchAsync(); // Wednesday 2 December: the W49 batch is due and had no leads

        Assert.Equal(new BatchRunResult(BatchRunOutcome.Sent, "2026-W49", 0, 1), result);
        var summary = Assert.Single(week.SendGrid.Accepted);
        Assert.Contains("No leads were delivered in this batch: the target of 5 was missed by 5.", summary.Text);
    }

    [Fact]
    public async Task Windows_before_the_first_window_setting_are_never_sent()
    {
        await using var week = Scenario(s => s["Batch:FirstWindow"] = "2026-W50");

        var before = await week.RunBatchAsync();
        week.App.Time.SetUtcNow(BatchScenario.CutOff);
        var first = await week.RunBatchAsync();

        Assert.Equal(new BatchRunResult(BatchRunOutcome.NotStarted, "2026-W49"), before);
        Assert.Equal(BatchRunOutcome.Sent, first.Outcome);
        Assert.Equal("2026-W50", first.WindowId);
        Assert.Single(week.SendGrid.Accepted);
    }

    [Fact]
    public async Task Five_concurrent_runs_send_exactly_one_email_per_recipient()
    {
        await using var week = Scenario();
        await SeedFourLeadsAsync(week);
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(15));
        // Every run has read the ledger before any of them writes its claim: the race really runs.
        week.App.Gate.Arm(5, StorageGate.WritesTo("Ledger"));

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(week.RunBatchAsync)));

        Assert.True(week.App.Gate.OpenedFull, $"only {week.App.Gate.Arrived} of 5 runs reached the claim together");
        Assert.Equal(1, results.Count(r => r.Outcome == BatchRunOutcome.Sent));
        Assert.Equal(4, week.SendGrid.Requests.Count);
        foreach (var address in new[] { "rita@example.com", "sam@example.com", "maya@example.com", "manager@example.com" })
            Assert.Single(week.SendGrid.To(address));
    }

    [Fact]
    public async Task A_past_due_run_after_a_missed_Monday_sends_the_batch_once()
    {
        await using var week = Scenario();
        await SeedFourLeadsAsync(week);
        week.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 8, 15, 0, 0, TimeSpan.Zero)); // Tuesday: Monday's runs never happened

        await FireTimerAsync(week, isPastDue: true);
        await FireTimerAsync(week, isPastDue: true);

        Assert.Equal(4, week.SendGrid.Requests.Count);
        Assert.Single(week.SendGrid.To("rita@example.com"));
    }

    [Fact]
    public async Task A_crash_after_SendGrid_accepted_sends_that_email_again_once_marked_as_a_possible_repeat()
    {
        await using var week = Scenario(overrides: services => services.AddSingleton<IEmailSender>(sp => new CrashingSender(sp.GetRequiredService<SendGridEmailSender>(), SenderCrash.AfterAccepted)));
        await SeedFourLeadsAsync(week);
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));

        await Assert.ThrowsAsync<SimulatedCrash>(week.RunBatchAsync);
        Assert.Single(week.SendGrid.Accepted); // rep-1's email went, the ledger never heard
        week.App.Time.Advance(TimeSpan.FromMinutes(10)); // the crashed run's lease runs out
        var resumed = await week.RunBatchAsync();

        Assert.Equal(BatchRunOutcome.Sent, resumed.Outcome);
        Assert.Equal(5, week.SendGrid.Accepted.Count);
        var rita = week.SendGrid.To("rita@example.com");
        Assert.Equal(2, rita.Count);
        Assert.DoesNotContain("may repeat", rita[0].Text);
        Assert.StartsWith("This may repeat an email sent on Monday 7 December 2026, 09:01 (Europe/London), whose delivery we could not confirm.", rita[1].Text);
        Assert.Contains("This may repeat an email sent on", rita[1].Html);
        var messages = await week.App.Get<MessageLedger>().ListAsync("2026-W50", CancellationToken.None);
        var ritaRow = messages.Single(m => m.Key == "owner-rep-1");
        Assert.Equal((MessageState.Sent, 2), (ritaRow.State, ritaRow.Sends));
        Assert.All(messages.Where(m => m.Key != "owner-rep-1"), m => Assert.Equal((MessageState.Sent, 1), (m.State, m.Sends)));
    }

    [Fact]
    public async Task A_thai_reps_repeated_email_and_its_refused_copy_carry_their_notices_in_thai()
    {
        await using var week = Scenario(s =>
        {
            s["Routing:Pool:1"] = "rep-1";
            s["Routing:Owners:0:Language"] = "th"; // Rita
        }, services => services.AddSingleton<IEmailSender>(sp => new CrashingSender(sp.GetRequiredService<SendGridEmailSender>(), SenderCrash.AfterAccepted)));
        await week.AddLeadAsync("a@alpha.example", "Alpha");
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));

        await Assert.ThrowsAsync<SimulatedCrash>(week.RunBatchAsync);
        week.App.Time.Advance(TimeSpan.FromMinutes(10));
        await week.RunBatchAsync();

        var repeat = week.SendGrid.To("rita@example.com")[1];
        Assert.StartsWith("อีเมลนี้อาจซ้ำกับฉบับที่ส่งเมื่อวันจันทร์ที่ 7 ธันวาคม 2569 เวลา 09:01 น. (Europe/London) ซึ่งเรายืนยันไม่ได้ว่าส่งถึงหรือไม่", repeat.Text);
        Assert.Contains("อีเมลนี้อาจซ้ำกับฉบับที่ส่งเมื่อ", repeat.Html);
        Assert.DoesNotContain("This may repeat", repeat.Text);
    }

    [Fact]
    public async Task A_thai_reps_refused_email_reaches_the_fallback_with_its_notice_and_subject_in_thai()
    {
        await using var week = Scenario(s =>
        {
            s["Routing:Pool:1"] = "rep-1";
            s["Routing:Owners:0:Language"] = "th"; // Rita
        });
        await week.AddLeadAsync("a@alpha.example", "Alpha");
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));
        week.SendGrid.Script(new SendGridReply(400));

        await week.RunBatchAsync();

        var fallback = Assert.Single(week.SendGrid.Accepted, m => m.Subject.StartsWith("ส่งไม่ถึง: ", StringComparison.Ordinal));
        Assert.StartsWith("ส่งอีเมลนี้ถึง rita@example.com ไม่ได้ (ถูกปฏิเสธ: HTTP 400)", fallback.Text);
        Assert.Contains("Alpha", fallback.Text);
    }

    [Fact]
    public async Task A_429_then_202_sends_once_after_waiting_as_told()
    {
        await using var week = Scenario(s => s["Routing:Pool:1"] = "rep-1");
        await week.AddLeadAsync("a@alpha.example", "Alpha");
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));
        week.SendGrid.Script(SendGridReply.TooMany(7), SendGridReply.Accepted);

        var run = Task.Run(week.RunBatchAsync);
        while (!run.IsCompleted)
        {
            await Task.Delay(20);
            week.App.Time.Advance(TimeSpan.FromSeconds(1));
        }
        await run;

        var tries = week.SendGrid.Requests.Where(r => r.To.Contains("rita@example.com")).ToList();
        Assert.Equal(2, tries.Count);
        Assert.True(tries[1].ReceivedAt - tries[0].ReceivedAt >= TimeSpan.FromSeconds(7), $"waited {tries[1].ReceivedAt - tries[0].ReceivedAt}");
        Assert.Single(week.SendGrid.To("rita@example.com"));
    }

    [Fact]
    public async Task A_permanent_400_goes_to_the_sales_inbox_and_the_manager_with_the_reason_and_is_not_retried()
    {
        await using var week = Scenario(s => s["Routing:Pool:1"] = "rep-1");
        await week.AddLeadAsync("a@alpha.example", "Alpha");
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));
        week.SendGrid.Script(new SendGridReply(400));

        var first = await week.RunBatchAsync();
        week.App.Time.Advance(TimeSpan.FromHours(1));
        await week.RunBatchAsync();

        Assert.Equal(BatchRunOutcome.Sent, first.Outcome); // every owner's email delivered, one through the fallback
        Assert.Single(week.SendGrid.Requests, r => r.To.Contains("rita@example.com"));
        var fallback = Assert.Single(week.SendGrid.Accepted, m => m.Subject.StartsWith("Undelivered: ", StringComparison.Ordinal));
        Assert.Equal(["sales@example.com", "manager@example.com"], fallback.To);
        Assert.StartsWith("This email could not be delivered to rita@example.com (refused: HTTP 400).", fallback.Text);
        Assert.Contains("Alpha", fallback.Text);
        var messages = await week.App.Get<MessageLedger>().ListAsync("2026-W50", CancellationToken.None);
        Assert.Equal(MessageState.Rerouted, messages.Single(m => m.Key == "owner-rep-1").State);
        var summary = Assert.Single(week.SendGrid.Accepted, m => m.Subject.StartsWith("Lead batch", StringComparison.Ordinal));
        Assert.Contains("Rita Rep's email was refused by the mail service; it went to the sales inbox and the sales manager instead", summary.Text);
    }

    [Fact]
    public async Task Server_errors_that_outlast_the_retries_leave_the_batch_for_the_next_heartbeat()
    {
        await using var week = Scenario(s => { s["Routing:Pool:1"] = "rep-1"; s["Email:MaxAttempts"] = "2"; s["Email:MaxBackoffSeconds"] = "1"; });
        await week.AddLeadAsync("a@alpha.example", "Alpha");
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));
        week.SendGrid.Script(new SendGridReply(503), new SendGridReply(500));

        var run = Task.Run(week.RunBatchAsync);
        while (!run.IsCompleted) { await Task.Delay(20); week.App.Time.Advance(TimeSpan.FromSeconds(1)); }
        var first = await run;
        week.App.Time.Advance(TimeSpan.FromMinutes(15));
        var second = await week.RunBatchAsync();

        Assert.Equal(BatchRunOutcome.Incomplete, first.Outcome);
        Assert.Equal(BatchRunOutcome.Sent, second.Outcome);
        Assert.Equal(3, week.SendGrid.Requests.Count(r => r.To.Contains("rita@example.com")));
        Assert.Single(week.SendGrid.To("rita@example.com"));
        Assert.Single(week.SendGrid.To("manager@example.com"));
    }

    [Theory]
    [InlineData("slow")]
    [InlineData("dropped")]
    public async Task A_reply_that_never_comes_is_sent_again_once_marked_as_a_possible_repeat(string fault)
    {
        await using var week = Scenario(s => s["Routing:Pool:1"] = "rep-1");
        await week.AddLeadAsync("a@alpha.example", "Alpha");
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));
        // A connection dropped before any reply is retried once by .NET's HTTP stack itself, so drop twice.
        if (fault == "slow") week.SendGrid.Script(SendGridReply.Slow(TimeSpan.FromSeconds(4)));
        else week.SendGrid.Script(SendGridReply.Dropped, SendGridReply.Dropped);

        await week.RunBatchAsync();
        var tries = week.SendGrid.Requests.Count(r => r.To.Contains("rita@example.com"));
        week.SendGrid.ClearScript(); // whether or not .NET retried the dropped connection, the next request is answered
        week.App.Time.Advance(TimeSpan.FromHours(1));
        await week.RunBatchAsync();

        Assert.Equal(tries + 1, week.SendGrid.Requests.Count(r => r.To.Contains("rita@example.com")));
        var repeat = week.SendGrid.To("rita@example.com").Last();
        Assert.StartsWith("This may repeat an email sent on", repeat.Text);
        var messages = await week.App.Get<MessageLedger>().ListAsync("2026-W50", CancellationToken.None);
        Assert.Equal((MessageState.Sent, 2), messages.Where(m => m.Key == "owner-rep-1").Select(m => (m.State, m.Sends)).Single());
        Assert.Contains("may or may not have been accepted by SendGrid", week.App.Logs.All);
        Assert.Equal(BatchLedger.Sent, (await week.App.Get<BatchLedger>().GetAsync("2026-W50", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Form_values_arrive_html_encoded_and_the_csv_is_safe_from_formulas()
    {
        await using var week = Scenario(s => s["Routing:Pool:1"] = "rep-1");
        await week.AddLeadAsync("a@alpha.example", "<script>alert(1)</script>");
        await week.AddLeadAsync("b@beta.example", "=HYPERLINK(\"http://evil.example\",\"Click\")", at: week.App.Time.GetUtcNow().AddMinutes(1));
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));

        await week.RunBatchAsync();

        var mail = Assert.Single(week.SendGrid.To("rita@example.com"));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", mail.Html);
        Assert.DoesNotContain("<script>", mail.Html);
        var csv = CsvReader.Parse(System.Text.Encoding.UTF8.GetString(mail.Attachments["leads-2026-W50-rep-1.csv"]));
        var company = Array.IndexOf(csv[0], "company");
        Assert.Equal(["'=HYPERLINK(\"http://evil.example\",\"Click\")", "<script>alert(1)</script>"], csv.Skip(1).Select(r => r[company]).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task A_person_erased_before_the_batch_is_left_out_and_the_summary_says_so()
    {
        await using var week = Scenario(s => s["Routing:Pool:1"] = "rep-1");
        await week.AddLeadAsync("a@alpha.example", "Alpha");
        await week.AddLeadAsync("b@beta.example", "Beta");
        await week.App.Get<LeadHandoff.Privacy.PrivacyService>().EraseAsync("b@beta.example", CancellationToken.None);
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));

        await week.RunBatchAsync();

        var rita = Assert.Single(week.SendGrid.To("rita@example.com"));
        Assert.StartsWith("1 lead for you", rita.Subject);
        Assert.Equal(2, CsvReader.Parse(System.Text.Encoding.UTF8.GetString(rita.Attachments.Values.Single())).Count); // header and Alpha
        Assert.Single(QualifyLinkCount().Matches(rita.Text));
        var summary = Assert.Single(week.SendGrid.To("manager@example.com"));
        Assert.Contains("1 lead was erased at the person's request before delivery and left out.", summary.Text);
        Assert.Contains("1 leads delivered", summary.Text.Replace("Target missed: 1 leads", "1 leads", StringComparison.Ordinal));
        Assert.Single(week.App.Get<LeadStore>().ListUndecidedAsync("2026-W50", CancellationToken.None).ToBlockingEnumerable());
    }

    [Fact]
    public async Task A_week_no_heartbeat_sent_goes_out_late_before_the_next_with_a_deadline_counted_from_when_it_went()
    {
        await using var week = Scenario(s => { s["Routing:Pool:1"] = "rep-1"; s["Batch:FirstWindow"] = "2026-W50"; });
        await week.AddLeadAsync("a@alpha.example", "Alpha"); // window 2026-W50, due Monday 7 December
        await week.AddLeadAsync("b@beta.example", "Beta", at: new DateTimeOffset(2026, 12, 9, 10, 0, 0, TimeSpan.Zero)); // 2026-W51
        week.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 14, 10, 0, 0, TimeSpan.Zero)); // no run between: the next Monday

        var result = await week.RunBatchAsync();

        Assert.Equal((BatchRunOutcome.Sent, "2026-W51"), (result.Outcome, result.WindowId));
        var mails = week.SendGrid.To("rita@example.com");
        Assert.Equal(2, mails.Count);
        Assert.Equal("Late batch: 1 lead for you in batch 2026-W50: decide by Wed 16 Dec 17:00", mails[0].Subject);
        Assert.Contains("This batch is late: it was due on Monday 7 December 2026, 09:00 (Europe/London).", mails[0].Text);
        Assert.Contains("Alpha", mails[0].Text);
        Assert.Equal("1 lead for you in batch 2026-W51: decide by Wed 16 Dec 17:00", mails[1].Subject);
        var late = await week.App.Get<BatchLedger>().GetAsync("2026-W50", CancellationToken.None);
        Assert.Equal((BatchLedger.Sent, new DateTimeOffset(2026, 12, 16, 17, 0, 0, TimeSpan.Zero)), (late!.Status, late.DeadlineAt));
        var summaries = week.SendGrid.To("manager@example.com");
        Assert.Contains("This batch went out late: it was due on Monday 7 December 2026, 09:00 (Europe/London)", summaries[0].Text);
        Assert.DoesNotContain("went out late", summaries[1].Text);
    }

    [Fact]
    public async Task The_summary_says_why_submissions_were_kept_from_sales_in_plain_words()
    {
        await using var week = Scenario(s => s["Routing:Pool:1"] = "rep-1");
        await week.AddLeadAsync("a@alpha.example", "Alpha");
        var store = week.App.Get<LeadStore>();
        var at = week.App.Time.GetUtcNow();
        foreach (var (kind, reason, n) in new[] { (LeadHandoff.Leads.FlagKind.Spam, "honeypot-missing", 2), (LeadHandoff.Leads.FlagKind.Quarantined, "turnstile-unavailable", 1) })
            for (var i = 0; i < n; i++)
                await store.SaveFlaggedAsync(new LeadHandoff.Leads.FlaggedSubmission($"{reason}-{i}", "2026-W50", kind, reason, at, new Dictionary<string, string> { ["email"] = $"x{i}@flagged.example" }), CancellationToken.None);
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));

        await week.RunBatchAsync();

        var summary = Assert.Single(week.SendGrid.To("manager@example.com")).Text;
        Assert.Contains("Kept out of sales' hands: 2 spam, 1 held back by the human check.", summary);
        Assert.Contains("2 submissions: no hidden anti-bot field (a bot, or a form or integration built without it: check new forms).", summary);
        Assert.Contains("1 submission: held back because the human-check service could not be reached (likely real people: review them).", summary);
    }

    [Fact]
    public async Task The_rep_sees_what_a_repeat_submission_changed()
    {
        await using var week = Scenario(s => s["Routing:Pool:1"] = "rep-1");
        var store = week.App.Get<LeadStore>();
        var at = week.App.Time.GetUtcNow();
        LeadHandoff.Leads.LeadDetails Details(string? phone) => new("Ada", "ada@alpha.example", "Alpha", "CTO", phone, "Hi", new("Software", "11-50"), new("pricing-guide"), new(true, "v1"));
        await store.SaveAsync("2026-W50", "s1", Details("+44 1111"), at, CancellationToken.None);
        await store.SaveAsync("2026-W50", "s2", Details("+44 <2222>"), at.AddHours(1), CancellationToken.None);
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));

        await week.RunBatchAsync();

        var mail = Assert.Single(week.SendGrid.To("rita@example.com"));
        Assert.Contains("Changed since the first submission: phone changed from +44 1111 to +44 <2222>", mail.Text);
        Assert.Contains("<strong>Changed since the first submission:</strong> " + System.Text.Encodings.Web.HtmlEncoder.Default.Encode("phone changed from +44 1111 to +44 <2222>"), mail.Html);
        Assert.DoesNotContain("<2222>", mail.Html);
    }

    [Fact]
    public async Task A_manager_who_is_also_the_marketing_lead_gets_one_copy_and_sendgrid_gets_no_repeated_address()
    {
        await using var week = Scenario(s => { s["Routing:Pool:1"] = "rep-1"; s["Email:SalesManagerEmail"] = "Lead@example.com"; s["Email:MarketingLeadEmail"] = "lead@example.com"; });
        await week.AddLeadAsync("a@alpha.example", "Alpha");
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));

        await week.RunBatchAsync();

        var summary = Assert.Single(week.SendGrid.Accepted, m => m.Subject.StartsWith("Lead batch", StringComparison.Ordinal));
        Assert.Equal(["Lead@example.com"], summary.To);
        Assert.Empty(summary.Cc);
    }

    [Fact]
    public async Task A_person_seen_in_an_earlier_window_is_flagged_with_that_leads_outcome()
    {
        // Week 2026-W49 goes out as usual (its batch indexes its people), then the same person comes back.
        await using var week = BatchScenario.Create(azurite.ConnectionString, s => s["Routing:Pool:1"] = "rep-1", start: new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
        await week.AddLeadAsync("a@alpha.example", "Alpha");
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddDays(-7).AddMinutes(1));
        await week.RunBatchAsync();
        week.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));
        await week.AddLeadAsync("a@alpha.example", "Alpha");
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));

        await week.RunBatchAsync();

        var mail = Assert.Single(week.SendGrid.To("rita@example.com"), m => m.Subject.Contains("2026-W50", StringComparison.Ordinal));
        Assert.Contains("<strong>Seen before</strong> in 2026-W49 (undecided)", mail.Html);
        Assert.Contains("seen before in 2026-W49 (undecided)", mail.Text);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"Qualify: \S+")]
    private static partial System.Text.RegularExpressions.Regex QualifyLinkCount();
}
