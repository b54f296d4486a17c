using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LeadHandoff.EndToEnd.Tests;

/// <summary>
/// A week of the product under the real Functions host, over HTTP only: leads in, the batch out, a
/// decision, the deadline chase, the scorecard's key, and a person's data exported and erased.
/// The app runs on the real clock, so the agreement's times are settings. Every instant is derived
/// from what already happened (the last lead's acknowledgement), and the host is restarted with the
/// cut-off just after it; no step waits a fixed number of seconds.
/// </summary>
[Trait("Category", "Host")]
public sealed partial class WholeWeekTests : StorageAndMail
{
    [Fact]
    public async Task A_whole_week_runs_under_the_real_host_from_form_post_to_erasure()
    {
        var (zoneId, zone) = ZoneNearNoon(DateTimeOffset.UtcNow);
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone);
        var settings = Settings(zoneId, today.DayOfWeek, new TimeOnly(20, 0), new TimeOnly(21, 0));
        var http = FuncHost.Http;

        // Monday's leads, while the window is open: a browser form, a fetch call, and the first person again.
        await using (var host = await FuncHost.StartAsync(settings, Storage.ConnectionString))
        {
            var form = await http.PostAsync(host.BaseUrl + "/api/leads", new FormUrlEncodedContent(LeadRequests.Valid("ada@alpha.example", "Ada Lovelace")));
            Assert.True(form.StatusCode == HttpStatusCode.SeeOther, host.Output);
            Assert.Equal("/api/thanks", form.Headers.Location?.ToString());
            var thanks = await http.GetAsync(host.BaseUrl + form.Headers.Location);
            Assert.Equal(HttpStatusCode.OK, thanks.StatusCode);
            Assert.Contains("<h1>Thank you</h1>", await thanks.Content.ReadAsStringAsync());

            var json = await http.PostAsJsonAsync(host.BaseUrl + "/api/leads", new Dictionary<string, string>(LeadRequests.Valid("bob@beta.example", "Bob Beta")) { ["company"] = "Beta Ltd" });
            var duplicate = await http.PostAsJsonAsync(host.BaseUrl + "/api/leads", LeadRequests.Valid("ADA@alpha.example", "Ada Lovelace"));
            Assert.Equal(HttpStatusCode.Created, json.StatusCode);
            Assert.Equal(HttpStatusCode.Created, duplicate.StatusCode);
        }

        // The window closes a second after the last acknowledgement; the deadline a second later.
        var acknowledged = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone);
        var cutOff = TimeOnly.FromDateTime(acknowledged.DateTime).Add(TimeSpan.FromSeconds(2));
        cutOff = new TimeOnly(cutOff.Hour, cutOff.Minute, cutOff.Second);
        settings["Sla:BatchTime"] = cutOff.ToString("HH:mm:ss");
        settings["Sla:DeadlineTime"] = cutOff.Add(TimeSpan.FromSeconds(1)).ToString("HH:mm:ss");
        var deadlineInstant = new DateTimeOffset(acknowledged.Date + cutOff.Add(TimeSpan.FromSeconds(1)).ToTimeSpan(), acknowledged.Offset);

        await using (var host = await FuncHost.StartAsync(settings, Storage.ConnectionString))
        {
            await host.UntilAsync(() => DateTimeOffset.UtcNow > deadlineInstant, TimeSpan.FromSeconds(30), "the cut-off and deadline to pass");

            Assert.True(await host.RunAsync("RunWeeklyBatch"), host.Output);
            var ownerMails = SendGrid.Accepted.Where(m => m.LedgerId.Contains(".owner-", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, ownerMails.Count);
            Assert.Equal(["rita@example.com", "sam@example.com"], ownerMails.SelectMany(m => m.To).Order());
            var summary = Assert.Single(SendGrid.Accepted, m => m.LedgerId.EndsWith(".summary", StringComparison.Ordinal));
            Assert.Equal(["manager@example.com", "marketing@example.com"], summary.To.Concat(summary.Cc).Order());
            Assert.Contains("2 leads", summary.Text);
            var adaMail = ownerMails.Single(m => m.Text.Contains("Ada Lovelace", StringComparison.Ordinal));
            Assert.Contains("submissions: 2", adaMail.Text);

            // Ada's rep opens her link and accepts; Bob's rep does nothing.
            var link = host.BaseUrl + new Uri(QualifyLink().Match(adaMail.Text).Groups[1].Value).PathAndQuery;
            var page = await http.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("ada@alpha.example", await page.Content.ReadAsStringAsync());
            var decided = await http.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "accept" }));
            Assert.Equal(HttpStatusCode.SeeOther, decided.StatusCode);
            Assert.EndsWith("&done=recorded", decided.Headers.Location!.ToString());

            Assert.True(await host.RunAsync("EnforceDeadline"), host.Output);
            var reminder = Assert.Single(SendGrid.Accepted, m => m.Subject.StartsWith("Reminder", StringComparison.Ordinal));
            Assert.Contains("Beta Ltd", reminder.Text);
            Assert.DoesNotContain("Analytical Engines", reminder.Text);
            var escalation = Assert.Single(SendGrid.Accepted, m => m.Subject.StartsWith("Escalation", StringComparison.Ordinal));
            Assert.Equal(["manager@example.com"], escalation.To);
            Assert.Contains("Beta Ltd", escalation.Text);

            // The scorecard's key is the host's business: without one the function never runs.
            var refused = await http.GetAsync(host.BaseUrl + "/api/scorecard?weeks=1");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.DoesNotContain("Executing 'Functions.GetScorecard'", host.Output);
            var scorecard = await http.GetAsync(host.BaseUrl + $"/api/scorecard?weeks=1&code={host.MasterKey}");
            Assert.Equal(HttpStatusCode.OK, scorecard.StatusCode);
            var totals = JsonDocument.Parse(await scorecard.Content.ReadAsStringAsync()).RootElement.GetProperty("totals");
            Assert.Equal((2, 1, 1), (totals.GetProperty("delivered").GetInt32(), totals.GetProperty("accepted").GetInt32(), totals.GetProperty("undecided").GetInt32()));

            // Bob asks what we hold, then to be forgotten.
            var unkeyed = await http.PostAsJsonAsync(host.BaseUrl + "/api/privacy/export", new { email = "bob@beta.example" });
            Assert.Equal(HttpStatusCode.Unauthorized, unkeyed.StatusCode);
            var export = await http.PostAsJsonAsync(host.BaseUrl + $"/api/privacy/export?code={host.MasterKey}", new { email = "bob@beta.example" });
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
            var held = JsonDocument.Parse(await export.Content.ReadAsStringAsync()).RootElement.GetProperty("leads");
            Assert.Equal(["Beta Ltd"], held.EnumerateArray().Select(l => l.GetProperty("details").GetProperty("company").GetString()));
            var erase = await http.PostAsJsonAsync(host.BaseUrl + $"/api/privacy/erase?code={host.MasterKey}", new { email = "bob@beta.example" });
            Assert.Equal(HttpStatusCode.OK, erase.StatusCode);
            var after = await http.PostAsJsonAsync(host.BaseUrl + $"/api/privacy/export?code={host.MasterKey}", new { email = "bob@beta.example" });
            Assert.Equal(0, JsonDocument.Parse(await after.Content.ReadAsStringAsync()).RootElement.GetProperty("leads").GetArrayLength());

            Assert.DoesNotContain("(Failed,", host.Output);
        }
    }

    private Dictionary<string, string?> Settings(string zone, DayOfWeek day, TimeOnly batch, TimeOnly deadline)
    {
        var settings = TestSettings.For(Storage.ConnectionString);
        settings["Intake:ThankYouUrl"] = "";
        TestSettings.UseSendGrid(settings, SendGrid);
        TestSettings.AddOwners(settings, TestSettings.Rita, TestSettings.Sam);
        settings["Routing:Pool:0"] = "rep-1";
        settings["Routing:Pool:1"] = "rep-2";
        settings["Scorecard:SendWithBatch"] = "false";
        settings["Sla:TimeZone"] = zone;
        settings["Sla:BatchDay"] = day.ToString();
        settings["Sla:BatchTime"] = batch.ToString("HH:mm:ss");
        settings["Sla:DeadlineDay"] = day.ToString();
        settings["Sla:DeadlineTime"] = deadline.ToString("HH:mm:ss");
        settings["Escalation:Steps:0:OffsetHours"] = "0";
        settings["Escalation:Steps:0:Recipient"] = "Owner";
        settings["Escalation:Steps:0:Template"] = "Reminder";
        settings["Escalation:Steps:1:OffsetHours"] = "0";
        settings["Escalation:Steps:1:Recipient"] = "Manager";
        settings["Escalation:Steps:1:Template"] = "Escalation";
        // The timers never fire by themselves here: the test runs them through the admin API.
        TestSettings.TimersOff(settings);
        return settings;
    }

    /// <summary>A fixed-offset zone where it is about noon now, so no step of the test crosses midnight.</summary>
    private static (string Id, TimeZoneInfo Zone) ZoneNearNoon(DateTimeOffset utcNow)
    {
        var offset = 12 - utcNow.Hour; // -11 … +12
        // POSIX sign convention: Etc/GMT-5 is five hours ahead of UTC.
        var id = offset == 0 ? "Etc/UTC" : $"Etc/GMT{(offset > 0 ? "-" : "+")}{Math.Abs(offset)}";
        return (id, TimeZoneInfo.FindSystemTimeZoneById(id));
    }

    [GeneratedRegex(@"Qualify: (\S+)")]
    private static partial Regex QualifyLink();
}
