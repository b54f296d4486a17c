using LeadHandoff.Functions.Qualification;
using LeadHandoff.Leads;
using LeadHandoff.Qualification;
using LeadHandoff.Tests.Batches;
using LeadHandoff.Tests.Infrastructure;

namespace LeadHandoff.Tests.Functions.Qualification;

[Collection(AzuriteCollection.Name)]
public sealed class QualifyLeadTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset BatchAt = BatchScenario.CutOff.AddMinutes(1);

    /// <summary>One lead, routed to rep-1, its batch email sent at Monday 09:01.</summary>
    private async Task<(BatchScenario Week, string Link, string LeadId)> SentBatchAsync(string company = "Alpha")
    {
        var week = BatchScenario.Create(azurite.ConnectionString, s => s["Routing:Pool:1"] = "rep-1");
        var stored = await week.AddLeadAsync("a@alpha.example", company);
        week.App.Time.SetUtcNow(BatchAt);
        await week.RunBatchAsync();
        return (week, Assert.Single(week.QualifyLinks("rita@example.com")), stored.LeadId);
    }

    private static async Task<(LeadHandoff.Leads.Lead Lead, string Version)> Stored(BatchScenario week, string leadId) =>
        (await week.App.Get<LeadStore>().GetVersionedAsync("2026-W50", leadId, CancellationToken.None))!.Value;

    private static Dictionary<string, string> Form(string decision, string? reason = null, string? note = null)
    {
        var form = new Dictionary<string, string> { ["decision"] = decision };
        if (reason is not null) form["reason"] = reason;
        if (note is not null) form["note"] = note;
        return form;
    }

    [Fact]
    public async Task Get_and_head_show_the_lead_and_change_nothing()
    {
        var (week, link, leadId) = await SentBatchAsync();
        await using var _ = week;
        var before = await Stored(week, leadId);

        var get = await week.App.QualifyAsync("GET", link);
        var head = await week.App.QualifyAsync("HEAD", link);

        Assert.Equal(200, get.Status);
        Assert.Contains("<h1>Alpha</h1>", get.Body);
        Assert.Contains("a@alpha.example", get.Body);
        Assert.Contains("<span class=\"pill\">Undecided</span>", get.Body);
        Assert.Contains("<form method=\"post\"", get.Body);
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; img-src data: https:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'", get.Header("Content-Security-Policy"));
        Assert.Equal("no-referrer", get.Header("Referrer-Policy"));
        Assert.Equal("no-store", get.Header("Cache-Control"));
        Assert.Equal(200, head.Status);
        Assert.Equal("", head.Body);
        Assert.Equal(get.Header("Content-Length"), head.Header("Content-Length"));
        Assert.Equal(before, await Stored(week, leadId));
    }

    [Fact]
    public async Task Accepting_records_who_when_how_long_and_on_time_then_redirects_to_the_recorded_state()
    {
        var (week, link, leadId) = await SentBatchAsync();
        await using var _ = week;
        week.App.Time.SetUtcNow(BatchAt.AddHours(5));

        var post = await week.App.QualifyAsync("POST", link, Form("accept", note: "Call booked"));
        var page = await week.App.QualifyAsync("GET", "https://x" + post.Header("Location"));

        Assert.Equal(303, post.Status);
        Assert.EndsWith("&done=recorded", post.Header("Location"));
        var decision = (await Stored(week, leadId)).Lead.Decision;
        Assert.Equal(new RecordedDecision(Decision.Accepted, null, "Call booked", "rep-1", BatchAt.AddHours(5), TimeSpan.FromHours(5), true, 1), decision);
        Assert.Contains("Your decision was recorded.", page.Body);
        Assert.Contains("<span class=\"pill\">Accepted (SQL)</span>", page.Body);
        Assert.Contains("on time", page.Body);
    }

    [Fact]
    public async Task Rejecting_without_a_reason_is_refused_with_a_clear_error()
    {
        var (week, link, leadId) = await SentBatchAsync();
        await using var _ = week;

        var post = await week.App.QualifyAsync("POST", link, Form("reject"));

        Assert.Equal(400, post.Status);
        Assert.Contains("<li>Choose a reason to reject the lead.</li>", post.Body);
        Assert.Null((await Stored(week, leadId)).Lead.Decision);
    }

    [Fact]
    public async Task Rejecting_as_other_without_a_note_is_refused()
    {
        var (week, link, leadId) = await SentBatchAsync();
        await using var _ = week;

        var post = await week.App.QualifyAsync("POST", link, Form("reject", "other"));
        var unknownReason = await week.App.QualifyAsync("POST", link, Form("reject", "vibes"));
        var noDecision = await week.App.QualifyAsync("POST", link, Form(""));

        Assert.Equal(400, post.Status);
        Assert.Contains("<li>Say why in the note when the reason is Other.</li>", post.Body);
        Assert.Contains("<li>Choose a reason from the list.</li>", unknownReason.Body);
        Assert.Contains("<li>Choose accept, reject or return to nurture.</li>", noDecision.Body);
        Assert.Null((await Stored(week, leadId)).Lead.Decision);
    }

    [Fact]
    public async Task Posting_the_same_decision_again_is_a_no_op_that_says_already_recorded()
    {
        var (week, link, leadId) = await SentBatchAsync();
        await using var _ = week;
        await week.App.QualifyAsync("POST", link, Form("reject", "too-small"));
        var after = await Stored(week, leadId);

        var again = await week.App.QualifyAsync("POST", link, Form("reject", "too-small"));

        Assert.EndsWith("&done=already", again.Header("Location"));
        Assert.Equal(after, await Stored(week, leadId));
    }

    [Fact]
    public async Task A_different_decision_is_recorded_as_a_change_with_the_previous_one_kept()
    {
        var (week, link, leadId) = await SentBatchAsync();
        await using var _ = week;
        await week.App.QualifyAsync("POST", link, Form("reject", "no-budget"));
        week.App.Time.Advance(TimeSpan.FromHours(1));

        var change = await week.App.QualifyAsync("POST", link, Form("nurture", note: "Budget next quarter"));

        Assert.EndsWith("&done=changed", change.Header("Location"));
        var decision = (await Stored(week, leadId)).Lead.Decision!;
        Assert.Equal((Decision.Nurture, null as string, 2), (decision.Decision, decision.Reason, decision.Revision));
        var history = await week.App.Get<DecisionStore>().DecisionHistoryAsync("2026-W50", leadId, CancellationToken.None);
        Assert.Equal([("Rejected", "no-budget", (string?)null), ("Nurture", null, "Rejected")], history.Select(h => (h.Decision, h.Reason, h.PreviousDecision)).ToArray());
    }

    [Fact]
    public async Task The_audit_keeps_the_browser_each_decision_came_from_with_who_and_when()
    {
        var (week, link, leadId) = await SentBatchAsync();
        await using var _ = week;
        Task<TestResponse> PostFrom(string userAgent, Dictionary<string, string> form) => week.App.SendAsync(
            LeadRequests.UrlEncoded(form) with { Target = new Uri(link).PathAndQuery, Headers = new(StringComparer.OrdinalIgnoreCase) { ["User-Agent"] = userAgent } },
            http => week.App.Function<QualifyLead>().Run(http, CancellationToken.None));
        const string Phone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148";

        await PostFrom(Phone, Form("accept"));
        week.App.Time.Advance(TimeSpan.FromMinutes(5));
        await PostFrom("Scanner/1.0\u0007" + new string('x', 600), Form("nurture"));

        var history = await week.App.Get<DecisionStore>().DecisionHistoryAsync("2026-W50", leadId, CancellationToken.None);
        Assert.Equal(Phone, history[0].UserAgent);
        Assert.Equal(DecisionRequest.MaxUserAgentLength, history[1].UserAgent!.Length); // cut to size
        Assert.StartsWith("Scanner/1.0x", history[1].UserAgent); // the control character dropped
        Assert.Equal(history[0].DecidedBy, history[1].DecidedBy);
        Assert.Equal(TimeSpan.FromMinutes(5), history[1].DecidedAt - history[0].DecidedAt);
    }

    [Fact]
    public async Task Twenty_concurrent_conflicting_posts_give_one_first_decision_and_a_consistent_history()
    {
        var (week, link, leadId) = await SentBatchAsync();
        await using var _ = week;
        string[] choices = ["accept", "reject", "nurture"];
        // Every post reads the lead before any of them writes its decision: the race really runs.
        week.App.Gate.Arm(20, StorageGate.IsTransaction);

        var posts = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            week.App.QualifyAsync("POST", link, choices[i % 3] == "reject" ? Form("reject", "competitor") : Form(choices[i % 3])))));

        Assert.True(week.App.Gate.OpenedFull, $"only {week.App.Gate.Arrived} of 20 posts reached the decision's write together");
        Assert.All(posts, p => Assert.Equal(303, p.Status));
        var outcomes = posts.Select(p => p.Header("Location")![(p.Header("Location")!.LastIndexOf('=') + 1)..]).ToList();
        Assert.Equal(1, outcomes.Count(o => o == "recorded"));
        var history = await week.App.Get<DecisionStore>().DecisionHistoryAsync("2026-W50", leadId, CancellationToken.None);
        Assert.Equal(outcomes.Count(o => o is "recorded" or "changed"), history.Count);
        Assert.Equal(Enumerable.Range(1, history.Count), history.Select(h => h.Revision));
        for (var i = 1; i < history.Count; i++) Assert.Equal(history[i - 1].Decision, history[i].PreviousDecision);
        var final = (await Stored(week, leadId)).Lead.Decision!;
        Assert.Equal((history[^1].Decision, history.Count), (final.Decision.ToString(), final.Revision));
    }

    [Fact]
    public async Task A_decision_after_the_deadline_is_flagged_late()
    {
        var (week, link, leadId) = await SentBatchAsync();
        await using var _ = week;
        week.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 9, 17, 0, 1, TimeSpan.Zero)); // a second after Wednesday 17:00

        await week.App.QualifyAsync("POST", link, Form("accept"));
        var page = await week.App.QualifyAsync("GET", link);

        Assert.False((await Stored(week, leadId)).Lead.Decision!.OnTime);
        Assert.Contains("after the deadline", page.Body);
    }

    [Fact]
    public async Task Lead_fields_are_rendered_encoded()
    {
        var (week, link, _) = await SentBatchAsync("<script>alert('x')</script>");
        await using var __ = week;

        var page = await week.App.QualifyAsync("GET", link);

        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", page.Body);
        Assert.DoesNotContain("<script>", page.Body);
    }

    [Fact]
    public async Task Tampered_forged_and_wrongly_purposed_tokens_get_403_and_expired_ones_410_with_a_friendly_page()
    {
        var (week, link, _) = await SentBatchAsync();
        await using var _ = week;
        var tampered = link[..^3] + (link[^3] == 'A' ? "B" : "A") + link[^2..];
        var batchLink = week.BatchLink("rita@example.com");
        var wrongPurpose = link.Split("?t=")[0] + "?t=" + batchLink.Split("?t=")[1];

        var responses = new[]
        {
            await week.App.QualifyAsync("GET", tampered),
            await week.App.QualifyAsync("GET", link.Split("?t=")[0] + "?t=k1.Zm9yZ2Vk.AAAA"),
            await week.App.QualifyAsync("GET", wrongPurpose),
            await week.App.QualifyAsync("POST", tampered, Form("accept")),
        };
        week.App.Time.Advance(TimeSpan.FromDays(22));
        var expired = await week.App.QualifyAsync("GET", link);

        Assert.All(responses, r =>
        {
            Assert.Equal(403, r.Status);
            Assert.Contains("This link is not valid", r.Body);
        });
        Assert.Equal(410, expired.Status);
        Assert.Contains("This link has expired", expired.Body);
        Assert.DoesNotContain("alpha", expired.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_link_that_no_longer_says_who_holds_it_answers_in_the_language_the_browser_asks_for()
    {
        var (week, link, _) = await SentBatchAsync();
        await using var _ = week;
        var tampered = link[..^4] + "AAAA";
        Task<TestResponse> OpenAsync(string target, string language) => week.App.SendAsync(
            new TestRequest("GET", null, []) { Target = QualificationDriver.Target(target), Headers = new(StringComparer.OrdinalIgnoreCase) { ["Accept-Language"] = language } },
            http => week.App.Function<LeadHandoff.Functions.Qualification.QualifyLead>().Run(http, CancellationToken.None));

        var thai = await OpenAsync(tampered, "th-TH,th;q=0.9,en;q=0.5");
        var english = await OpenAsync(tampered, "en-GB,en;q=0.9");
        week.App.Time.Advance(TimeSpan.FromDays(22));
        var expired = await OpenAsync(link, "th");

        Assert.Equal(403, thai.Status);
        Assert.Contains("<html lang=\"th\">", thai.Body);
        Assert.Contains("<h1>ลิงก์นี้ไม่ถูกต้อง</h1>", thai.Body);
        Assert.Contains("This link is not valid", english.Body);
        Assert.Equal(410, expired.Status);
        Assert.Contains("<h1>ลิงก์นี้หมดอายุแล้ว</h1>", expired.Body);
    }
}
