using System.Text.Json;
using LeadHandoff.Functions.Privacy;
using LeadHandoff.Leads;
using LeadHandoff.Privacy;
using LeadHandoff.Qualification;
using LeadHandoff.Scorecards;
using LeadHandoff.Tests.Batches;
using LeadHandoff.Tests.Functions.Intake;
using LeadHandoff.Tests.Functions.Qualification;
using LeadHandoff.Tests.Infrastructure;
using LeadHandoff.Weeks;

namespace LeadHandoff.Tests.Privacy;

[Collection(AzuriteCollection.Name)]
public sealed class PrivacyTests(AzuriteFixture azurite)
{
    private const string Grace = "grace.hopper@navy.example";

    /// <summary>Grace submits in W48, W49 and W50 (plus one spam submission), Alan once in W50; every batch goes out.</summary>
    private async Task<BatchScenario> ThreeWeeksAsync()
    {
        var week = BatchScenario.Create(azurite.ConnectionString, s => s["Routing:Pool:1"] = "rep-1", start: new DateTimeOffset(2026, 11, 18, 0, 0, 0, TimeSpan.Zero));
        foreach (var (day, company) in new[] { (18, "Navy One"), (25, "Navy Two") })
        {
            week.App.Time.SetUtcNow(new DateTimeOffset(2026, 11, day, 12, 0, 0, TimeSpan.Zero));
            await week.App.PostAsync(LeadRequests.Json(Person(company)));
            week.App.Time.Advance(TimeSpan.FromDays(5)); // Monday after: the batch
            await week.RunBatchAsync();
        }
        week.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
        await week.App.PostAsync(LeadRequests.Json(Person("Navy Three")));
        await week.App.PostAsync(LeadRequests.Json(new Dictionary<string, string>(Person("Spam Co")) { ["lh_trap"] = "filled" }));
        await week.App.PostAsync(LeadRequests.Json(LeadRequests.Valid("alan@bletchley.example", "Alan Turing")));
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));
        await week.RunBatchAsync();
        return week;
    }

    private static Dictionary<string, string> Person(string company)
    {
        var fields = LeadRequests.Valid("Grace.Hopper@Navy.example", "Grace Hopper");
        fields["company"] = company;
        fields["phone"] = "+1 555 867 5309";
        fields["message"] = "Please call Grace Hopper";
        return fields;
    }

    private static Task<TestResponse> PostAsync<TFunction>(BatchScenario week, string email, Func<TFunction, Microsoft.AspNetCore.Http.HttpRequest, Task<Microsoft.AspNetCore.Mvc.IActionResult>> run) =>
        week.App.SendAsync(LeadRequests.Json(new { email }), http => run(week.App.Function<TFunction>(), http));

    [Fact]
    public async Task With_consent_required_a_lead_without_it_is_refused_and_a_consenting_lead_stores_its_record()
    {
        await using var app = TestApp.Create(azurite.ConnectionString, s => s["Intake:RequireConsent"] = "true");
        var consenting = LeadRequests.Valid();
        consenting["consent"] = "on";
        consenting["consent_version"] = "2026-09";

        var refused = await app.PostAsync(LeadRequests.Json(LeadRequests.Valid("no@consent.example")));
        var accepted = await app.PostAsync(LeadRequests.Json(consenting));

        Assert.Equal(400, refused.Status);
        Assert.Equal(["Consent is required."], JsonDocument.Parse(refused.Body).RootElement.GetProperty("errors").GetProperty("consent").Deserialize<string[]>()!);
        Assert.Equal(201, accepted.Status);
        var row = Assert.Single((await TableScan.AllRowsAsync(app))["Leads"], r => r.Contains("RowKey=L-", StringComparison.Ordinal));
        Assert.Contains("ConsentGiven=True", row);
        Assert.Contains("ConsentVersion=2026-09", row);
        Assert.Contains("Offer=pricing-guide", row);
        Assert.True(row.Contains("ConsentAt=12/02/2026 10:00:00", StringComparison.Ordinal) || row.Contains("ConsentAt=12/2/2026 10:00:00", StringComparison.Ordinal), row);
    }

    [Fact]
    public async Task With_consent_not_required_a_lead_without_it_is_stored_as_not_given()
    {
        await using var app = TestApp.Create(azurite.ConnectionString);

        await app.PostAsync(LeadRequests.Json(LeadRequests.Valid()));

        Assert.False(Assert.Single(await app.LeadsAsync()).Details.Consent.Given);
    }

    [Fact]
    public async Task Erasing_a_person_removes_them_from_every_table_kills_their_links_and_keeps_the_counts()
    {
        await using var week = await ThreeWeeksAsync();
        var links = week.QualifyLinks("rita@example.com").Concat(week.QualifyLinks("sam@example.com")).ToList();
        var scorecard = week.App.Get<ScorecardService>();
        var calendar = week.App.Get<SlaCalendar>();
        var before = await scorecard.BuildAsync(calendar.WindowOf("2026-W50")!, 3, CancellationToken.None);

        var response = await PostAsync<PersonalDataRequests>(week, "GRACE.hopper@navy.example", (f, r) => f.Erase(r, CancellationToken.None));

        Assert.Equal(200, response.Status);
        Assert.Equal("""{"erased":{"weeks":3,"leads":3,"submissions":1,"indexRows":6}}""", response.Body);
        var tables = await TableScan.AllRowsAsync(week.App);
        Assert.Equal(["Agreement", "Audit", "Leads", "Ledger", "People", "PersonWeeks", "Team"], tables.Keys.Order()); // Team: the staff roster; Agreement: its versions (the scorecard seeds version 1)
        var hash = LeadHandoff.Leads.EmailHash.Of(Grace);
        foreach (var (table, rows) in tables)
        {
            foreach (var secret in new[] { "grace", "Hopper", "555 867 5309", "Navy", table == "Audit" ? "(none)" : hash })
                Assert.DoesNotContain(rows, r => r.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
        Assert.Contains(tables["Leads"], r => r.Contains("alan@bletchley.example", StringComparison.Ordinal)); // others untouched
        var graceLinks = new List<TestResponse>();
        foreach (var link in links) graceLinks.Add(await week.App.QualifyAsync("GET", link));
        Assert.Equal(3, graceLinks.Count(r => r.Status == 410));
        Assert.All(graceLinks.Where(r => r.Status == 410), r => Assert.DoesNotContain("Navy", r.Body));
        var after = await scorecard.BuildAsync(calendar.WindowOf("2026-W50")!, 3, CancellationToken.None);
        Assert.Equal(before.Weeks.Select(w => (w.Week, w.Metrics.Delivered, w.Metrics.Undecided)), after.Weeks.Select(w => (w.Week, w.Metrics.Delivered, w.Metrics.Undecided)));
        Assert.Equal((1, 0), (before.Weeks[2].Spam, after.Weeks[2].Spam)); // her spam submission is gone with her
    }

    [Fact]
    public async Task Export_returns_exactly_that_persons_data_and_the_audit_row_holds_no_personal_data()
    {
        await using var week = await ThreeWeeksAsync();
        var window = week.App.Get<SlaCalendar>().WindowOf("2026-W50")!;
        var graceW50 = (await week.App.LeadsAsync("2026-W50")).Single(l => l.Details.Name == "Grace Hopper");
        await week.App.Get<QualificationService>().DecideAsync(window, graceW50.Id, graceW50.OwnerId!, new DecisionRequest(Decision.Nurture, null, "Spoke to Grace"), CancellationToken.None);

        var response = await PostAsync<PersonalDataRequests>(week, Grace, (f, r) => f.Export(r, CancellationToken.None));

        Assert.Equal(200, response.Status);
        var export = JsonDocument.Parse(response.Body).RootElement;
        Assert.Equal(["Navy One", "Navy Two", "Navy Three"], export.GetProperty("leads").EnumerateArray().Select(l => l.GetProperty("details").GetProperty("company").GetString()));
        Assert.All(export.GetProperty("leads").EnumerateArray(), l => Assert.Equal(Grace, l.GetProperty("details").GetProperty("email").GetString()));
        Assert.Equal("Spoke to Grace", Assert.Single(export.GetProperty("decisionHistory").EnumerateArray()).GetProperty("note").GetString());
        Assert.Equal("Spam Co", Assert.Single(export.GetProperty("submissions").EnumerateArray()).GetProperty("fields").GetProperty("company").GetString());
        Assert.DoesNotContain("alan", response.Body, StringComparison.OrdinalIgnoreCase);
        var audit = Assert.Single((await TableScan.AllRowsAsync(week.App))["Audit"]);
        Assert.Contains("Action=export", audit);
        Assert.Contains($"EmailHash={LeadHandoff.Leads.EmailHash.Of(Grace)}", audit);
        // The phone whole: the audit row's key holds ticks and a random id, whose digits can hold "555".
        foreach (var secret in new[] { "grace", "Hopper", "555 867 5309", "5558675309", "Navy" }) Assert.DoesNotContain(secret, audit, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_invalid_email_gets_400_naming_the_field()
    {
        await using var week = BatchScenario.Create(azurite.ConnectionString);

        var response = await PostAsync<PersonalDataRequests>(week, "not-an-email", (f, r) => f.Erase(r, CancellationToken.None));

        Assert.Equal(400, response.Status);
        Assert.Equal(["Email must be a valid email address."], JsonDocument.Parse(response.Body).RootElement.GetProperty("errors").GetProperty("email").Deserialize<string[]>()!);
    }

    [Fact]
    public async Task Retention_anonymises_old_leads_deletes_old_spam_keeps_the_rest_and_old_weeks_still_count()
    {
        await using var week = await ThreeWeeksAsync();
        var scorecard = week.App.Get<ScorecardService>();
        var w48 = week.App.Get<SlaCalendar>().WindowOf("2026-W48")!;
        var before = await scorecard.BuildAsync(w48, 1, CancellationToken.None);
        // 400 days after W48 closed (Monday 23 November 2026) but not after W49 closed a week later.
        week.App.Time.SetUtcNow(new DateTimeOffset(2027, 12, 29, 12, 0, 0, TimeSpan.Zero));

        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => week.App.Get<PrivacyService>().PurgeAsync(CancellationToken.None))));
        var again = await week.App.Get<PrivacyService>().PurgeAsync(CancellationToken.None);

        Assert.InRange(runs.Sum(r => r.LeadsAnonymised), 1, 3); // overlapping runs may each anonymise it: idempotent
        Assert.Equal(0, again.LeadsAnonymised);
        var w48Lead = Assert.Single(await week.App.LeadsAsync("2026-W48"));
        Assert.True(w48Lead.Anonymised);
        Assert.Equal(("", "", "", "Software", "11-50", "pricing-guide"), (w48Lead.Details.Name, w48Lead.Details.Email, w48Lead.Details.Company, w48Lead.Details.Segment.Sector, w48Lead.Details.Segment.SizeBand, w48Lead.Details.Source.Offer));
        Assert.Equal("Grace Hopper", Assert.Single(await week.App.LeadsAsync("2026-W49")).Details.Name); // younger: untouched
        Assert.Empty(await week.App.FlaggedAsync("2026-W50")); // spam: past 30 days
        var after = await scorecard.BuildAsync(w48, 1, CancellationToken.None);
        Assert.Equal(before.Totals.Delivered, after.Totals.Delivered);
        Assert.Equal(before.Totals.Undecided, after.Totals.Undecided);
    }

    [Fact]
    public async Task Retention_deletes_spam_after_30_days_and_not_before()
    {
        await using var week = await ThreeWeeksAsync();
        var privacy = week.App.Get<PrivacyService>();

        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddDays(29));
        await privacy.PurgeAsync(CancellationToken.None);
        var kept = (await week.App.FlaggedAsync("2026-W50")).Count;
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddDays(30).AddMinutes(1));
        var result = await privacy.PurgeAsync(CancellationToken.None);

        Assert.Equal(1, kept);
        Assert.Equal(1, result.FlaggedDeleted);
        Assert.Empty(await week.App.FlaggedAsync("2026-W50"));
        Assert.Equal(2, (await week.App.LeadsAsync("2026-W50")).Count(l => !l.Anonymised));
    }

    [Fact]
    public async Task A_person_withdraws_through_an_emailed_link_and_only_the_confirming_post_erases()
    {
        await using var week = await ThreeWeeksAsync();
        while (week.SendGrid.Accepted.TryDequeue(out _)) { }
        Task<TestResponse> Send(TestRequest request) => SendWithdrawalAsync(week, request);

        var formPage = await Send(Withdraw("/api/privacy/withdraw"));
        var unknown = await Send(Withdraw("/api/privacy/withdraw", new() { ["email"] = "nobody@nowhere.example" }));
        var known = await Send(Withdraw("/api/privacy/withdraw", new() { ["email"] = " Grace.Hopper@navy.example " }));
        Assert.Empty(week.SendGrid.Accepted); // the form only records what was asked
        Assert.Equal(new WithdrawalRunResult(Sent: 1, NotHeld: 1, EmailedRecently: 0, Waiting: 0), await week.App.Get<WithdrawalService>().SendAskedAsync(CancellationToken.None));
        var mail = Assert.Single(week.SendGrid.Accepted);
        var link = System.Text.RegularExpressions.Regex.Match(mail.Text, @"Confirm and erase my details: (\S+)").Groups[1].Value;
        var confirmPage = await Send(Withdraw(new Uri(link).PathAndQuery));
        var stillThere = (await week.App.LeadsAsync("2026-W50")).Count(l => l.Details.Name == "Grace Hopper");
        var confirmed = await Send(Withdraw(new Uri(link).PathAndQuery, new()));
        var reused = await Send(Withdraw(new Uri(link).PathAndQuery));

        Assert.Contains("<label for=\"email\">Email address</label>", formPage.Body);
        Assert.Equal(unknown.Body, known.Body); // the answer reveals nothing
        Assert.Equal([Grace], mail.To);
        Assert.Contains("Erase my details</button>", confirmPage.Body);
        Assert.Equal(1, stillThere); // GET changed nothing
        Assert.Contains("Your details have been erased", confirmed.Body);
        Assert.Equal(410, reused.Status);
        Assert.DoesNotContain(await week.App.LeadsAsync("2026-W50"), l => l.Details.Name == "Grace Hopper");
        Assert.Contains((await TableScan.AllRowsAsync(week.App))["Audit"], r => r.Contains("Action=withdraw", StringComparison.Ordinal));
        Assert.DoesNotContain(link.Split("?t=")[1], week.App.Logs.All);
    }

    [Fact]
    public async Task A_withdrawal_begun_in_thai_stays_in_thai_from_the_form_to_the_email_and_its_pages()
    {
        await using var week = await ThreeWeeksAsync();
        while (week.SendGrid.Accepted.TryDequeue(out _)) { }
        Task<TestResponse> Send(TestRequest request) => SendWithdrawalAsync(week, request);

        var formPage = await Send(Withdraw("/api/privacy/withdraw?lang=th"));
        var asked = await Send(Withdraw("/api/privacy/withdraw?lang=th", new() { ["email"] = Grace }));
        await week.App.Get<WithdrawalService>().SendAskedAsync(CancellationToken.None);
        var mail = Assert.Single(week.SendGrid.Accepted);
        var link = System.Text.RegularExpressions.Regex.Match(mail.Text, @"ยืนยันและลบข้อมูลของฉัน: (\S+)").Groups[1].Value;
        var confirmPage = await Send(Withdraw(new Uri(link).PathAndQuery));
        var confirmed = await Send(Withdraw(new Uri(link).PathAndQuery, new()));
        var reused = await Send(Withdraw(new Uri(link).PathAndQuery));

        Assert.Contains("<html lang=\"th\">", formPage.Body);
        Assert.Contains("<label for=\"email\">อีเมล</label>", formPage.Body);
        Assert.Contains("ตรวจสอบกล่องจดหมายของคุณ", asked.Body);
        Assert.EndsWith("ยืนยันว่าต้องการลบข้อมูลของคุณ", mail.Subject);
        Assert.Contains("<html lang=\"th\">", mail.Html);
        Assert.EndsWith("&lang=th", link);
        Assert.Contains("ลบข้อมูลของฉัน</button>", confirmPage.Body);
        Assert.Contains("ลบข้อมูลของคุณแล้ว", confirmed.Body);
        Assert.DoesNotContain(await week.App.LeadsAsync("2026-W50"), l => l.Details.Name == "Grace Hopper");
        Assert.Equal(410, reused.Status);
        Assert.Contains("<a href=\"withdraw?lang=th\">ขอลิงก์ใหม่</a>", reused.Body);
    }

    [Fact]
    public async Task Ten_requests_for_a_held_address_send_one_email_and_a_day_later_another()
    {
        await using var week = await ThreeWeeksAsync();
        while (week.SendGrid.Accepted.TryDequeue(out _)) { }
        var withdrawals = week.App.Get<WithdrawalService>();

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(200, (await SendWithdrawalAsync(week, Withdraw("/api/privacy/withdraw", new() { ["email"] = Grace }))).Status);
            await withdrawals.SendAskedAsync(CancellationToken.None);
            week.App.Time.Advance(TimeSpan.FromMinutes(30));
        }
        Assert.Single(week.SendGrid.To(Grace));

        week.App.Time.Advance(TimeSpan.FromHours(20)); // more than a day after the first
        await SendWithdrawalAsync(week, Withdraw("/api/privacy/withdraw", new() { ["email"] = Grace }));
        Assert.Equal(1, (await withdrawals.SendAskedAsync(CancellationToken.None)).Sent);
        Assert.Equal(2, week.SendGrid.To(Grace).Count());
    }

    [Fact]
    public async Task An_address_we_do_not_hold_gets_no_email_and_leaves_nothing_behind()
    {
        await using var week = await ThreeWeeksAsync();
        while (week.SendGrid.Accepted.TryDequeue(out _)) { }

        var asked = await SendWithdrawalAsync(week, Withdraw("/api/privacy/withdraw", new() { ["email"] = "nobody@nowhere.example" }));
        var waiting = string.Join('\n', (await TableScan.AllRowsAsync(week.App))["Ledger"]);
        var result = await week.App.Get<WithdrawalService>().SendAskedAsync(CancellationToken.None);

        Assert.Equal(200, asked.Status);
        Assert.Contains("withdraw-ask", waiting);
        Assert.DoesNotContain("nobody", waiting, StringComparison.OrdinalIgnoreCase); // sealed while it waits
        Assert.Equal(new WithdrawalRunResult(0, 1, 0, 0), result);
        Assert.Empty(week.SendGrid.Accepted);
        Assert.DoesNotContain((await TableScan.AllRowsAsync(week.App))["Ledger"], r => r.Contains("withdraw-ask", StringComparison.Ordinal));
    }

    /// <summary>A GET of the withdrawal address, or a form POST to it.</summary>
    private static TestRequest Withdraw(string target, Dictionary<string, string>? form = null) => form is null
        ? new TestRequest("GET", null, []) { Target = target }
        : LeadRequests.UrlEncoded(form) with { Target = target };

    private static Task<TestResponse> SendWithdrawalAsync(BatchScenario week, TestRequest request) =>
        week.App.SendAsync(request, http => week.App.Function<WithdrawConsent>().Run(http, CancellationToken.None));
}
