using System.Text.Json;
using Azure.Core.Pipeline;
using LeadHandoff.Batches;
using LeadHandoff.Functions.Reviews;
using LeadHandoff.Leads;
using LeadHandoff.Reviews;
using LeadHandoff.Tables;
using LeadHandoff.Tests.Batches;
using LeadHandoff.Tests.Faults;
using LeadHandoff.Tests.Functions.Intake;
using LeadHandoff.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LeadHandoff.Tests.Reviews;

/// <summary>
/// Marketing's review queue through the ReviewQueue function, on Azurite with the fake SendGrid: a
/// real person's submission held back (here, posted by a form without the honeypot field) is seen
/// with its reason, released or confirmed as spam, audited, and reaches an owner either way round
/// the batch.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReviewQueueTests(AzuriteFixture azurite)
{
    private BatchScenario Scenario(Action<IServiceCollection>? overrides = null) => BatchScenario.Create(azurite.ConnectionString, overrides: overrides);

    /// <summary>A real person's post from a form that lacks the honeypot field: acknowledged, and held back as spam.</summary>
    private static async Task<string> PostHeldBackAsync(BatchScenario week, string email, string company)
    {
        var fields = LeadRequests.Valid(email);
        fields["company"] = company;
        fields.Remove("lh_trap");
        var request = LeadRequests.UrlEncoded(fields) with { Headers = new(StringComparer.OrdinalIgnoreCase) { ["Origin"] = "https://landing.example.com", ["Accept"] = "application/json" } };
        var response = await week.App.PostAsync(request);
        Assert.Equal(201, response.Status);
        Assert.Empty(await week.App.LeadsAsync());
        return JsonDocument.Parse(response.Body).RootElement.GetProperty("id").GetString()!;
    }

    private static Task<TestResponse> ActAsync(BatchScenario week, string action, string id, string window = "2026-W50") =>
        week.App.SendAsync(LeadRequests.UrlEncoded(new Dictionary<string, string> { ["action"] = action, ["id"] = id }) with { Target = $"/api/review?window={window}" },
            http => week.App.Function<ReviewQueue>().Run(http, CancellationToken.None));

    private static async Task<JsonElement> ListAsync(BatchScenario week, string window = "2026-W50")
    {
        var response = await week.App.GetAsync($"/api/review?window={window}&format=json",
            http => week.App.Function<ReviewQueue>().Run(http, CancellationToken.None));
        Assert.Equal(200, response.Status);
        return JsonDocument.Parse(response.Body).RootElement;
    }

    [Fact]
    public async Task The_queue_lists_a_held_back_submission_with_its_reason_time_offer_and_form_origin()
    {
        await using var week = Scenario();
        var id = await PostHeldBackAsync(week, "real.person@example.com", "Real Customer Ltd");

        var item = Assert.Single((await ListAsync(week)).GetProperty("submissions").EnumerateArray());
        Assert.Equal(id, item.GetProperty("id").GetString());
        Assert.Equal("honeypot-missing", item.GetProperty("reason").GetString());
        Assert.Contains("form or integration built without it", item.GetProperty("reasonText").GetString());
        Assert.Equal("pricing-guide", item.GetProperty("offer").GetString());
        Assert.Equal("https://landing.example.com", item.GetProperty("origin").GetString());
        Assert.Equal(week.App.Time.GetUtcNow(), item.GetProperty("receivedAt").GetDateTimeOffset());
        Assert.Equal("Open", item.GetProperty("review").GetString());

        var page = await week.App.GetAsync("/api/review?window=2026-W50&code=marketing-key", http => week.App.Function<ReviewQueue>().Run(http, CancellationToken.None));
        Assert.Equal(200, page.Status);
        Assert.Equal("no-store", page.Header("Cache-Control"));
        Assert.Contains("Real Customer Ltd", page.Body);
        Assert.Contains("1</strong> waiting for review", page.Body);
        // The actions post back to the page as it was opened, key included.
        Assert.Contains("action=\"/api/review?window=2026-W50&amp;code=marketing-key\"", page.Body);
    }

    [Fact]
    public async Task Released_before_its_batch_it_joins_the_batch_and_the_summary_counts_it_as_released_not_spam()
    {
        await using var week = Scenario();
        var id = await PostHeldBackAsync(week, "real.person@example.com", "Real Customer Ltd");

        var released = await ActAsync(week, "release", id);
        Assert.Equal(200, released.Status);
        Assert.Contains("goes to sales in the batch of week 2026-W50", released.Body);
        var lead = Assert.Single(await week.App.LeadsAsync());
        Assert.Equal(id, lead.Id);
        Assert.Null(lead.OwnerId); // routed by the batch, like any other lead
        Assert.Empty(week.SendGrid.Accepted); // nothing goes out before the batch

        week.App.Time.SetUtcNow(BatchScenario.CutOff);
        Assert.Equal(BatchRunOutcome.Sent, (await week.RunBatchAsync()).Outcome);
        var ownerEmail = Assert.Single(week.SendGrid.To(TestSettings.Rita.Email));
        Assert.Contains("Real Customer Ltd", ownerEmail.Text);
        var summary = Assert.Single(week.SendGrid.To("manager@example.com"));
        Assert.Contains("Kept out of sales' hands: 0 spam, 0 held back", summary.Text);
        Assert.Contains("1 held-back submission was released by marketing after review and is in this batch as a lead.", summary.Text);

        var audit = Assert.Single(await week.App.Get<ReviewAudit>().ListReviewsAsync("2026-W50", CancellationToken.None));
        Assert.Equal((ReviewAction.Release, "honeypot-missing", "2026-W50", id), (audit.Action, audit.Reason, audit.LeadWindowId, audit.LeadId));
    }

    [Fact]
    public async Task Released_after_its_batch_went_it_is_emailed_to_its_owner_at_once_and_next_weeks_batch_lists_it()
    {
        await using var week = Scenario();
        var id = await PostHeldBackAsync(week, "real.person@example.com", "Real Customer Ltd");
        week.App.Time.SetUtcNow(BatchScenario.CutOff);
        await week.RunBatchAsync();
        var summary = Assert.Single(week.SendGrid.To("manager@example.com"));
        Assert.Contains("1 held-back submission waits for review", summary.Text);
        Assert.Contains("https://leadhandoff.example.net/api/review?window=2026-W50", summary.Text);
        Assert.Contains("1 submission: no hidden anti-bot field", summary.Text);

        week.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 8, 11, 0, 0, TimeSpan.Zero)); // Tuesday of week 2026-W51
        var released = await ActAsync(week, "release", id);
        Assert.Equal(200, released.Status);
        Assert.Contains("emailed to Rita Rep now, due by Wednesday 16 December 2026", released.Body);

        var email = Assert.Single(week.SendGrid.To(TestSettings.Rita.Email), m => m.Subject.StartsWith("Released from review", StringComparison.Ordinal));
        Assert.Contains("Real Customer Ltd", email.Text);
        Assert.Contains("/api/qualify?t=", email.Text);
        Assert.Contains("held back by the spam checks", email.Text);
        // Stored in the open week with its owner and an undecided marker, so the deadline run chases it.
        Assert.Empty(await week.App.LeadsAsync("2026-W50"));
        var lead = Assert.Single(await week.App.LeadsAsync("2026-W51"));
        Assert.Equal(TestSettings.Rita.Id, lead.OwnerId);
        var markers = new List<UndecidedMarker>();
        await foreach (var marker in week.App.Get<LeadStore>().ListUndecidedAsync("2026-W51", CancellationToken.None)) markers.Add(marker);
        Assert.Equal(lead.Id, Assert.Single(markers).LeadId);

        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddDays(7));
        await week.RunBatchAsync();
        var nextWeek = week.SendGrid.To(TestSettings.Rita.Email).Where(m => m.Subject.Contains("2026-W51", StringComparison.Ordinal)).ToList();
        Assert.Contains("Real Customer Ltd", Assert.Single(nextWeek).Text);
    }

    [Fact]
    public async Task Confirmed_spam_is_audited_and_can_no_longer_be_released_and_a_released_one_cannot_be_confirmed()
    {
        await using var week = Scenario();
        var spam = await PostHeldBackAsync(week, "bot@spam.example", "Cheap Pills");
        var real = await PostHeldBackAsync(week, "real.person@example.com", "Real Customer Ltd");

        Assert.Contains("Confirmed as spam", (await ActAsync(week, "spam", spam)).Body);
        Assert.Contains("Already confirmed", (await ActAsync(week, "spam", spam)).Body);
        var refused = await ActAsync(week, "release", spam);
        Assert.Equal(409, refused.Status);
        Assert.Contains("confirmed as spam", refused.Body);

        Assert.Equal(200, (await ActAsync(week, "release", real)).Status);
        Assert.Equal(409, (await ActAsync(week, "spam", real)).Status);
        Assert.Equal(404, (await ActAsync(week, "release", "no-such-submission")).Status);
        Assert.Equal(400, (await ActAsync(week, "delete", real)).Status);

        var audit = await week.App.Get<ReviewAudit>().ListReviewsAsync("2026-W50", CancellationToken.None);
        Assert.Equal([(spam, ReviewAction.ConfirmSpam), (real, ReviewAction.Release)],
            audit.Select(a => (a.SubmissionId, a.Action)).OrderBy(a => a.Action, StringComparer.Ordinal).ToList());
        Assert.Equal("Real Customer Ltd", Assert.Single(await week.App.LeadsAsync()).Details.Company);
    }

    [Fact]
    public async Task A_submission_that_would_fail_the_form_cannot_be_released_and_says_which_fields()
    {
        await using var week = Scenario();
        var fields = LeadRequests.Valid("bot@spam.example");
        fields["lh_trap"] = "http://spam.example";
        fields.Remove("company");
        var response = await week.App.PostAsync(LeadRequests.Json(fields));
        var id = JsonDocument.Parse(response.Body).RootElement.GetProperty("id").GetString()!;

        var refused = await ActAsync(week, "release", id);
        Assert.Equal(422, refused.Status);
        Assert.Contains("Company is required.", refused.Body);
        Assert.Empty(await week.App.LeadsAsync());
    }

    [Fact]
    public async Task A_release_that_crashed_before_it_was_recorded_finishes_on_retry_with_one_lead_one_email_and_one_audit_row()
    {
        var faults = new StorageFaults(seed: 1, rate: 0);
        await using var week = Scenario(services => services.AddSingleton<HttpPipelinePolicy>(faults));
        var id = await PostHeldBackAsync(week, "real.person@example.com", "Real Customer Ltd");
        week.App.Time.SetUtcNow(BatchScenario.CutOff);
        await week.RunBatchAsync();
        week.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 8, 11, 0, 0, TimeSpan.Zero));

        // The run dies just before it marks the submission released: the lead is stored and emailed.
        faults.CrashOnce((_, body) => body.Contains("\"Review\":\"Released\"", StringComparison.Ordinal));
        await Assert.ThrowsAsync<SimulatedCrash>(() => week.App.Get<ReviewQueueService>().ReleaseAsync("2026-W50", id, "test", CancellationToken.None));
        Assert.True(faults.Crashed);
        var (halfway, _) = (await week.App.Get<LeadStore>().GetFlaggedAsync("2026-W50", id, CancellationToken.None))!.Value;
        Assert.Equal(ReviewState.Releasing, halfway.Review);

        // A day later, after the next week's cut-off would have moved the target: the retry keeps the one it wrote down.
        week.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 15, 10, 0, 0, TimeSpan.Zero));
        var outcome = Assert.IsType<ReviewOutcome.Released>(await week.App.Get<ReviewQueueService>().ReleaseAsync("2026-W50", id, "test", CancellationToken.None));
        Assert.Equal("2026-W51", outcome.LeadWindowId);

        Assert.Single(await week.App.LeadsAsync("2026-W51"));
        Assert.Empty(await week.App.LeadsAsync("2026-W52"));
        Assert.Single(week.SendGrid.To(TestSettings.Rita.Email), m => m.Subject.StartsWith("Released from review", StringComparison.Ordinal));
        Assert.Single(await week.App.Get<ReviewAudit>().ListReviewsAsync("2026-W50", CancellationToken.None));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    public async Task Releases_under_lost_responses_and_server_errors_store_one_lead_counted_once(int seed)
    {
        var faults = new StorageFaults(seed, rate: 0.3, StorageFault.LostResponse, StorageFault.ServerError, StorageFault.ResetBeforeSend) { Enabled = false };
        await using var week = BatchScenario.Create(azurite.ConnectionString, s =>
        {
            s["Storage:MaxRetries"] = "3";
            s["Storage:RetryDelayMilliseconds"] = "1";
        }, services => services.AddSingleton<HttpPipelinePolicy>(faults));
        var id = await PostHeldBackAsync(week, "real.person@example.com", "Real Customer Ltd");
        week.App.Time.SetUtcNow(BatchScenario.CutOff);
        await week.RunBatchAsync();

        faults.Enabled = true;
        ReviewOutcome? outcome = null;
        for (var attempt = 0; attempt < 30 && outcome is null; attempt++)
        {
            try { outcome = await week.App.Get<ReviewQueueService>().ReleaseAsync("2026-W50", id, "test", CancellationToken.None); }
            catch (StorageUnavailableException) { } // the reviewer sees a 503 and presses the button again
        }
        faults.Enabled = false;

        Assert.IsType<ReviewOutcome.Released>(outcome);
        var lead = Assert.Single(await week.App.LeadsAsync("2026-W51"));
        Assert.Equal(1, lead.SubmissionCount);
        Assert.Equal(TestSettings.Rita.Id, lead.OwnerId);
        Assert.Single(await week.App.Get<ReviewAudit>().ListReviewsAsync("2026-W50", CancellationToken.None));
        var (submission, _) = (await week.App.Get<LeadStore>().GetFlaggedAsync("2026-W50", id, CancellationToken.None))!.Value;
        Assert.Equal((ReviewState.Released, lead.Id), (submission.Review, submission.ReleasedLeadId));
        Assert.True(faults.Injected.Values.Sum() > 0, "the rig injected no fault");
    }
}
