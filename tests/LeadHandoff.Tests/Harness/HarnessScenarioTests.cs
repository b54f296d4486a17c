using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LeadHandoff.Tests.Harness.Rpc;
using LeadHandoff.Tests.Infrastructure;

namespace LeadHandoff.Tests.Harness;

/// <summary>
/// The built function app, run as its own process and driven over the Functions host protocol by
/// <see cref="FunctionHost"/>. The worker runs on the real clock, so the scenario places the batch
/// cut-off and the deadline a few seconds ahead of now (UTC, today) and waits for them to pass:
/// no test-only clock exists in the app.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Harness")]
public sealed partial class HarnessScenarioTests(AzuriteFixture azurite)
{
    private static readonly HttpClient Http = new(new HttpClientHandler { AllowAutoRedirect = false });

    private Dictionary<string, string?> Settings(FakeSendGrid? sendGrid = null)
    {
        var settings = TestSettings.For(azurite.ConnectionString);
        settings["Email:SendGridApiKey"] = "SG.harness";
        settings["Email:SendGridHost"] = sendGrid?.Host.TrimEnd('/') ?? "http://127.0.0.1:9";
        settings["Routing:Owners:0:Id"] = "rep-1";
        settings["Routing:Owners:0:Name"] = "Rita Rep";
        settings["Routing:Owners:0:Email"] = "rita@example.com";
        settings["Routing:Owners:1:Id"] = "rep-2";
        settings["Routing:Owners:1:Name"] = "Sam Seller";
        settings["Routing:Owners:1:Email"] = "sam@example.com";
        settings["Routing:Pool:0"] = "rep-1";
        settings["Routing:Pool:1"] = "rep-2";
        settings["Scorecard:SendWithBatch"] = "false";
        return settings;
    }

    [Fact]
    public async Task The_whole_week_runs_through_the_real_worker()
    {
        var now = DateTimeOffset.UtcNow;
        if (now.TimeOfDay > new TimeSpan(23, 58, 0)) { await Task.Delay(TimeSpan.FromMinutes(2.5)); now = DateTimeOffset.UtcNow; }
        var cutOff = now.AddSeconds(20);
        var deadline = cutOff.AddSeconds(12);
        await using var sendGrid = new FakeSendGrid(TimeProvider.System);
        var settings = Settings(sendGrid);
        settings["Sla:TimeZone"] = "UTC";
        settings["Sla:BatchDay"] = now.DayOfWeek.ToString();
        settings["Sla:BatchTime"] = cutOff.ToString("HH:mm:ss");
        settings["Sla:DeadlineDay"] = now.DayOfWeek.ToString();
        settings["Sla:DeadlineTime"] = deadline.ToString("HH:mm:ss");
        settings["Escalation:Steps:0:OffsetHours"] = "0";
        settings["Escalation:Steps:0:Recipient"] = "Owner";
        settings["Escalation:Steps:0:Template"] = "Reminder";
        settings["Escalation:Steps:1:OffsetHours"] = "0";
        settings["Escalation:Steps:1:Recipient"] = "Manager";
        settings["Escalation:Steps:1:Template"] = "Escalation";
        await using var host = await FunctionHost.StartAsync(settings);

        // Monday's leads: a browser form, a fetch call, and the first person again.
        var form = await Http.PostAsync(host.PublicUrl + "/api/leads", new FormUrlEncodedContent(LeadRequests.Valid("ada@alpha.example", "Ada Lovelace")));
        var json = await Http.PostAsJsonAsync(host.PublicUrl + "/api/leads", new Dictionary<string, string>(LeadRequests.Valid("bob@beta.example", "Bob Beta")) { ["company"] = "Beta Ltd" });
        var duplicate = await Http.PostAsJsonAsync(host.PublicUrl + "/api/leads", LeadRequests.Valid("ADA@alpha.example", "Ada Lovelace"));
        Assert.True(form.StatusCode == HttpStatusCode.SeeOther, string.Join("\n", host.HostErrors) + host.WorkerOutput);
        Assert.Equal("https://www.example.com/thanks", form.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Created, json.StatusCode);
        Assert.Equal(HttpStatusCode.Created, duplicate.StatusCode);

        await UntilAsync(cutOff);
        var batch = await host.InvokeTimerAsync("RunWeeklyBatch");
        Assert.Equal(StatusResult.Types.Status.Success, batch.Result.Status);
        var ownerMails = sendGrid.Accepted.Where(m => m.LedgerId.Contains(".owner-", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, ownerMails.Count);
        Assert.Single(sendGrid.To("manager@example.com"));
        var adaMail = ownerMails.Single(m => m.Text.Contains("Ada Lovelace", StringComparison.Ordinal));
        Assert.Contains("submissions: 2", adaMail.Text);

        var link = QualifyLink().Match(adaMail.Text).Groups[1].Value;
        var local = host.PublicUrl + new Uri(link).PathAndQuery;
        var page = await Http.GetAsync(local);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("ada@alpha.example", await page.Content.ReadAsStringAsync());
        var decided = await Http.PostAsync(local, new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "accept" }));
        Assert.Equal(HttpStatusCode.SeeOther, decided.StatusCode);
        Assert.EndsWith("&done=recorded", decided.Headers.Location!.ToString());

        await UntilAsync(deadline);
        var chase = await host.InvokeTimerAsync("EnforceDeadline", isPastDue: true);
        Assert.Equal(StatusResult.Types.Status.Success, chase.Result.Status);
        var reminder = Assert.Single(sendGrid.Accepted, m => m.Subject.StartsWith("Reminder", StringComparison.Ordinal));
        Assert.Contains("Beta Ltd", reminder.Text);
        Assert.DoesNotContain("Analytical Engines", reminder.Text); // Ada's lead was decided
        var escalation = Assert.Single(sendGrid.Accepted, m => m.Subject.StartsWith("Escalation", StringComparison.Ordinal));
        Assert.Contains("Beta Ltd", escalation.Text);

        var refused = await Http.GetAsync(host.PublicUrl + "/api/scorecard?weeks=1");
        var scorecard = await Http.GetAsync(host.PublicUrl + $"/api/scorecard?weeks=1&code={FunctionHost.FunctionKey}");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, scorecard.StatusCode);
        var totals = JsonDocument.Parse(await scorecard.Content.ReadAsStringAsync()).RootElement.GetProperty("totals");
        Assert.Equal((2, 1, 1, 0.5), (totals.GetProperty("delivered").GetInt32(), totals.GetProperty("accepted").GetInt32(), totals.GetProperty("undecided").GetInt32(), totals.GetProperty("conversion").GetDouble()));
        Assert.All(host.Invocations, i => Assert.Equal(StatusResult.Types.Status.Success, i.Response.Result.Status));
    }

    [Fact]
    public async Task A_bad_setting_stops_the_worker_with_the_options_error_naming_it()
    {
        var settings = Settings();
        settings["Intake:ThankYouUrl"] = "/thanks";

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => FunctionHost.StartAsync(settings));

        Assert.Contains("the worker exited with code", failure.Message);
        Assert.Contains("Intake:ThankYouUrl must be an absolute http(s) URL.", failure.Message);
    }

    [Fact]
    public async Task The_metadata_the_worker_reports_equals_the_committed_expectation()
    {
        await using var host = await FunctionHost.StartAsync(Settings());
        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "tests", "LeadHandoff.Tests", "Harness", "expected-functions.json"))).RootElement
            .EnumerateArray().Select(f => (
                f.GetProperty("name").GetString(), f.GetProperty("trigger").GetString(), f.GetProperty("authLevel").GetString(), f.GetProperty("route").GetString(),
                string.Join(",", f.GetProperty("methods").EnumerateArray().Select(m => m.GetString())), f.GetProperty("schedule").GetString()))
            .ToList();

        var reported = host.Functions.OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => ((string?)f.Name, (string?)f.Trigger, f.AuthLevel, f.Route, string.Join(",", f.Methods), f.Schedule)).ToList();

        Assert.Equal(expected, reported);
    }

    [Fact]
    public async Task An_exception_inside_a_function_comes_back_as_a_failed_invocation_without_personal_data()
    {
        var settings = Settings();
        settings["Storage:ConnectionString"] = TestSettings.UnreachableStorage();
        settings["Storage:MaxRetries"] = "0";
        await using var host = await FunctionHost.StartAsync(settings);

        var response = await Http.PostAsJsonAsync(host.PublicUrl + $"/api/privacy/export?code={FunctionHost.FunctionKey}", new { email = "grace.hopper@navy.example" });
        var timer = await host.InvokeTimerAsync("RunWeeklyBatch");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var failed = host.Invocations.Single(i => i.Function == "ExportPersonalData").Response.Result;
        Assert.Equal(StatusResult.Types.Status.Failure, failed.Status);
        Assert.StartsWith("ExportPersonalData failed with StorageUnavailableException (Table Storage status 0", failed.Exception.Message);
        Assert.Equal(StatusResult.Types.Status.Failure, timer.Result.Status);
        var everything = string.Join("\n", host.Invocations.Select(i => i.Response.ToString())) + await response.Content.ReadAsStringAsync() + string.Join("\n", host.WorkerLogs) + host.WorkerOutput;
        Assert.DoesNotContain("grace", everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("navy.example", everything, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task UntilAsync(DateTimeOffset instant)
    {
        var wait = instant.AddSeconds(1) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
    }

    [GeneratedRegex(@"Qualify: (\S+)")]
    private static partial Regex QualifyLink();
}
