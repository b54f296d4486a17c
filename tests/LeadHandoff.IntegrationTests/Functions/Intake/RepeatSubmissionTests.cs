using System.Text.Json;
using LeadHandoff.Tests.Infrastructure;

namespace LeadHandoff.Tests.Functions.Intake;

/// <summary>The same person again in one window: one lead, counted exactly, that keeps what they told us.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RepeatSubmissionTests(AzuriteFixture azurite)
{
    private TestApp App(Action<Dictionary<string, string?>>? configure = null) => TestApp.Create(azurite.ConnectionString, configure);

    [Fact]
    public async Task Fifty_parallel_submissions_of_one_email_make_exactly_one_lead_counted_fifty_times()
    {
        await using var app = App();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Task.Run(() => app.PostAsync(LeadRequests.Json(LeadRequests.Valid(name: $"Ada {i}"))))));

        Assert.All(responses, r => Assert.Equal(201, r.Status));
        var lead = Assert.Single(await app.LeadsAsync());
        Assert.Equal(50, lead.SubmissionCount);
        Assert.All(responses, r => Assert.Equal(lead.Id, JsonDocument.Parse(r.Body).RootElement.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task A_mix_of_distinct_and_duplicate_emails_gives_exact_counts()
    {
        await using var app = App();
        // Person i submits i + 1 times, some with different capitalisation: 1 + 2 + … + 8 = 36 posts.
        var posts = Enumerable.Range(0, 8)
            .SelectMany(i => Enumerable.Range(0, i + 1).Select(n => n % 2 == 0 ? $"person{i}@example.com" : $"Person{i}@EXAMPLE.com"))
            .ToList();

        var responses = await Task.WhenAll(posts.Select(email => Task.Run(() => app.PostAsync(LeadRequests.Json(LeadRequests.Valid(email)))))); 

        Assert.All(responses, r => Assert.Equal(201, r.Status));
        var counts = (await app.LeadsAsync()).ToDictionary(l => l.Details.Email, l => l.SubmissionCount);
        Assert.Equal(Enumerable.Range(0, 8).ToDictionary(i => $"person{i}@example.com", i => i + 1), counts);
    }

    [Fact]
    public async Task A_repeat_submission_keeps_the_newest_details_and_the_first_arrival()
    {
        await using var app = App();
        var first = app.Time.GetUtcNow();
        await app.PostAsync(LeadRequests.Json(LeadRequests.Valid()));
        app.Time.Advance(TimeSpan.FromHours(2));
        var second = LeadRequests.Valid();
        second["job_title"] = "CTO";
        second["offer"] = "webinar";

        await app.PostAsync(LeadRequests.Json(second));

        var lead = Assert.Single(await app.LeadsAsync());
        Assert.Equal(2, lead.SubmissionCount);
        Assert.Equal("CTO", lead.Details.JobTitle);
        Assert.Equal("webinar", lead.Details.Source.Offer);
        Assert.Equal(first, lead.FirstReceivedAt);
        Assert.Equal(first.AddHours(2), lead.LastReceivedAt);
    }

    [Fact]
    public async Task A_repeat_that_leaves_a_field_empty_keeps_what_the_first_gave_and_notes_what_changed()
    {
        await using var app = App();
        await app.PostAsync(LeadRequests.Json(LeadRequests.Valid()));
        app.Time.Advance(TimeSpan.FromHours(1));
        var second = LeadRequests.Valid();
        second.Remove("phone");
        second.Remove("utm_campaign");
        second["company"] = "Analytical Engines Group";

        var response = await app.PostAsync(LeadRequests.Json(second));

        Assert.Equal(201, response.Status);
        var lead = Assert.Single(await app.LeadsAsync());
        Assert.Equal(2, lead.SubmissionCount);
        Assert.Equal("+44 20 7946 0000", lead.Details.Phone);
        Assert.Equal("spring", lead.Details.Source.UtmCampaign);
        Assert.Equal("Analytical Engines Group", lead.Details.Company);
        Assert.Equal(["company changed from Analytical Engines Ltd to Analytical Engines Group"], lead.Changes);
    }

    [Fact]
    public async Task An_older_submission_arriving_late_only_fills_gaps()
    {
        await using var app = App();
        var store = app.Get<LeadHandoff.Leads.LeadStore>();
        var now = app.Time.GetUtcNow();
        LeadHandoff.Leads.LeadDetails Details(string company, string? phone) => new("Ada", "ada@example.com", company, "CTO", phone, "Hi", new("Software", "11-50"), new("pricing-guide"), new(true, "v1"));
        await store.SaveAsync("2026-W50", "s2", Details("Newer Ltd", null), now, CancellationToken.None);

        await store.SaveAsync("2026-W50", "s1", Details("Older Ltd", "+44 1"), now.AddMinutes(-5), CancellationToken.None);

        var lead = Assert.Single(await app.LeadsAsync());
        Assert.Equal(("Newer Ltd", "+44 1", 2), (lead.Details.Company, lead.Details.Phone, lead.SubmissionCount));
        Assert.Empty(lead.Changes);
    }

    [Fact]
    public async Task The_same_submission_retried_after_a_lost_response_is_counted_once()
    {
        await using var app = App();
        var store = app.Get<LeadHandoff.Leads.LeadStore>();
        var details = new LeadHandoff.Leads.LeadDetails("Ada", "ada@example.com", "Acme", "CTO", null, "Hi", new("Software", "11-50"), new("pricing-guide"), new(true, "v1"));
        var now = app.Time.GetUtcNow();

        var first = await store.SaveAsync("2026-W50", "sub-1", details, now, CancellationToken.None);
        var again = await store.SaveAsync("2026-W50", "sub-1", details, now, CancellationToken.None); // what a retry after a lost response does
        var repeat = await store.SaveAsync("2026-W50", "sub-2", details, now.AddMinutes(1), CancellationToken.None);
        var repeatAgain = await store.SaveAsync("2026-W50", "sub-2", details, now.AddMinutes(1), CancellationToken.None);

        Assert.Equal((true, 1), (first.IsNew, first.SubmissionCount));
        Assert.Equal((true, 1, "sub-1"), (again.IsNew, again.SubmissionCount, again.LeadId));
        Assert.Equal((false, 2), (repeat.IsNew, repeat.SubmissionCount));
        Assert.Equal((false, 2), (repeatAgain.IsNew, repeatAgain.SubmissionCount));
        Assert.Equal(2, Assert.Single(await app.LeadsAsync()).SubmissionCount);
    }

    [Fact]
    public async Task The_same_email_in_the_next_window_is_a_new_lead()
    {
        await using var app = App();
        await app.PostAsync(LeadRequests.Json(LeadRequests.Valid()));
        app.Time.SetUtcNow(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero)); // Monday's cut-off

        await app.PostAsync(LeadRequests.Json(LeadRequests.Valid()));

        Assert.Equal(1, Assert.Single(await app.LeadsAsync("2026-W50")).SubmissionCount);
        Assert.Equal(1, Assert.Single(await app.LeadsAsync("2026-W51")).SubmissionCount);
    }
}
