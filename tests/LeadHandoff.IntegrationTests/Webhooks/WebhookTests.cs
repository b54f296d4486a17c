using System.Text.Json;
using Azure.Core.Pipeline;
using Json.Schema;
using LeadHandoff.Functions.Webhooks;
using LeadHandoff.Privacy;
using LeadHandoff.Tables;
using LeadHandoff.Tests.Batches;
using LeadHandoff.Tests.Faults;
using LeadHandoff.Tests.Functions.Intake;
using LeadHandoff.Tests.Functions.Qualification;
using LeadHandoff.Tests.Infrastructure;
using LeadHandoff.Webhooks;
using LeadHandoff.Weeks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;
using Xunit.Abstractions;

namespace LeadHandoff.Tests.Webhooks;

/// <summary>
/// Outbound webhooks on Azurite, delivered over real HTTP to a loopback subscriber that checks every
/// signature with the StandardWebhooks library: a lead's whole life arrives, shaped as the schemas in
/// docs/webhooks say; under storage faults and a failing receiver every event still arrives, each
/// repeat with the same webhook-id; a lost emission is repaired by the reconciler; a receiver dead
/// for three days is disabled with the alert, and gets its waiting events once enabled again.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static BatchScenario Scenario(string connectionString, WebhookReceiver receiver, Action<IServiceCollection>? overrides = null, DateTimeOffset? start = null, Action<Dictionary<string, string?>>? configure = null) =>
        BatchScenario.Create(connectionString, s =>
        {
            s["Webhooks:Subscriptions:0:Id"] = "crm";
            s["Webhooks:Subscriptions:0:Url"] = receiver.Url;
            s["Webhooks:Subscriptions:0:Secret"] = WebhookReceiver.Secret;
            s["Webhooks:TimeoutSeconds"] = "2";
            configure?.Invoke(s);
        }, overrides, start);

    private static Task<WebhookRunResult> DeliverAsync(BatchScenario week) => week.App.Get<WebhookDispatcher>().RunAsync(CancellationToken.None);

    private static async Task PostAsync(BatchScenario week, string email, string company, string sector = "Software")
    {
        var fields = LeadRequests.Valid(email);
        fields["company"] = company;
        fields["sector"] = sector;
        Assert.Equal(303, (await week.App.PostAsync(LeadRequests.UrlEncoded(fields))).Status);
    }

    [Fact]
    public async Task A_receiver_whose_name_resolves_to_a_private_address_is_not_connected_to_and_the_log_says_why()
    {
        await using var receiver = new WebhookReceiver();
        // crm.example.com passes the start-up check; at send time it resolves into the private network.
        ResolveHost intoThePrivateNetwork = (_, _) => Task.FromResult(new[] { System.Net.IPAddress.Parse("10.0.0.5") });
        await using var week = Scenario(azurite.ConnectionString, receiver, services => services.AddSingleton(intoThePrivateNetwork), configure: s =>
        {
            s["Webhooks:AllowLocalReceivers"] = "false";
            s["Webhooks:Subscriptions:0:Url"] = "https://crm.example.com/hooks";
        });
        await PostAsync(week, "ada@example.com", "Analytical Engines Ltd");

        await DeliverAsync(week);

        var attempt = Assert.Single(await week.App.Get<WebhookStore>().AttemptsAsync("crm", 10, CancellationToken.None));
        Assert.Equal((0, "The receiver's host resolves to no public address (10.0.0.5): refused."), (attempt.Status, attempt.Outcome));
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task A_leads_whole_life_arrives_signed_and_each_payload_matches_its_schema()
    {
        await using var receiver = new WebhookReceiver();
        await using var week = Scenario(azurite.ConnectionString, receiver);
        await PostAsync(week, "ada@example.com", "Analytical Engines Ltd");
        await DeliverAsync(week);
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));
        await week.RunBatchAsync();
        await DeliverAsync(week);
        var link = Assert.Single(week.QualifyLinks(TestSettings.Rita.Email));
        Assert.Equal(303, (await week.App.QualifyAsync("POST", link, new() { ["decision"] = "reject", ["reason"] = "no-budget" })).Status);
        await DeliverAsync(week);
        await week.App.Get<PrivacyService>().EraseAsync("ada@example.com", CancellationToken.None);
        await DeliverAsync(week);

        var got = receiver.Accepted.ToList();
        Assert.Equal(["lead.received", "lead.delivered", "lead.decided", "lead.erased"], got.Select(g => g.Type));
        Assert.All(got, g => Assert.True(g.SignatureValid, $"{g.Id} has a bad signature"));
        Assert.Single(got.Select(g => g.LeadId).Distinct());
        Assert.All(got, g => Assert.True(Schemas.Validate(g.Type, g.Body), $"{g.Type} does not match its schema: {g.Body}"));

        // Built at send time: the person is in the earlier events and gone from the erasure's.
        Assert.Equal("Analytical Engines Ltd", got[0].Data.GetProperty("person").GetProperty("company").GetString());
        Assert.Equal("rep-1", got[1].Data.GetProperty("owner").GetProperty("id").GetString());
        var decision = got[2].Data.GetProperty("decision");
        Assert.Equal(("rejected", "no-budget", "rep-1"), (decision.GetProperty("outcome").GetString(), decision.GetProperty("reason").GetString(), decision.GetProperty("decidedBy").GetProperty("id").GetString()));
        Assert.True(got[3].Data.GetProperty("erased").GetBoolean());
        Assert.Equal(JsonValueKind.Null, got[3].Data.GetProperty("person").ValueKind);
        Assert.DoesNotContain("ada@example.com", got[3].Body);
        Assert.Equal(got[0].Id, $"evt_2026-W50_{got[0].LeadId}_received");
    }

    [Fact]
    public async Task A_delivery_made_now_passes_the_librarys_own_verification_and_a_tampered_body_does_not()
    {
        await using var receiver = new WebhookReceiver();
        await using var week = Scenario(azurite.ConnectionString, receiver, start: DateTimeOffset.UtcNow);
        await PostAsync(week, "now@example.com", "Right Now Ltd");
        await DeliverAsync(week);

        var delivery = Assert.Single(receiver.Accepted);
        var headers = new HeaderDictionary();
        foreach (var name in new[] { "webhook-id", "webhook-timestamp", "webhook-signature" }) headers[name] = delivery.Request.Headers[name];
        new StandardWebhook(WebhookReceiver.Secret).Verify(delivery.Body, headers);
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(WebhookReceiver.Secret).Verify(delivery.Body.Replace("Right Now", "Wrong Now", StringComparison.Ordinal), headers));
        Assert.Equal("application/json; charset=utf-8", delivery.Request.Headers["Content-Type"]);
    }

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, int.TryParse(Environment.GetEnvironmentVariable("LEADHANDOFF_FAULT_SEEDS"), out var n) ? n : 4)];

    [Theory]
    [Trait("Category", "Faults")]
    [MemberData(nameof(Seeds))]
    public async Task Under_storage_faults_and_a_failing_receiver_every_event_arrives_and_every_repeat_carries_the_same_id(int seed)
    {
        var faults = new StorageFaults(seed, rate: 0.2, StorageFault.LostResponse, StorageFault.ServerError, StorageFault.ResetBeforeSend) { Enabled = false };
        var random = new Random(seed);
        await using var receiver = new WebhookReceiver
        {
            // 40% of requests fail: an error, a dropped connection, or no answer within the timeout.
            Fail = _ => random.NextDouble() >= 0.4 ? null : random.Next(3) switch
            {
                0 => new LoopbackReply(500),
                1 => new LoopbackReply(0, Drop: true),
                _ => new LoopbackReply(503),
            },
        };
        await using var week = Scenario(azurite.ConnectionString, receiver, services => services.AddSingleton<HttpPipelinePolicy>(faults), configure: s =>
        {
            s["Storage:MaxRetries"] = "2";
            s["Storage:RetryDelayMilliseconds"] = "1";
        });
        for (var i = 0; i < 6; i++) await PostAsync(week, $"person{i}@example.com", $"Company {i} Ltd", i % 2 == 0 ? "Software" : "Manufacturing");
        var leadIds = (await week.App.LeadsAsync()).Select(l => l.Id).ToList();

        faults.Enabled = true;
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));
        // The batch heartbeat, every 15 minutes, until the batch has gone to every owner.
        for (var beat = 0; beat < 40; beat++)
        {
            await Tolerate(week.RunBatchAsync);
            faults.Enabled = false;
            if (await week.App.Get<BatchLedger>().GetAsync("2026-W50", CancellationToken.None) is { IsFinished: true }) break;
            faults.Enabled = true;
            week.App.Time.Advance(TimeSpan.FromMinutes(15));
        }
        faults.Enabled = false;
        var links = new[] { TestSettings.Rita, TestSettings.Sam, TestSettings.Maya }.SelectMany(o => week.QualifyLinks(o.Email)).ToList();
        faults.Enabled = true;
        // A rep whose post failed (a 503 page) posts again, as people do.
        foreach (var link in links.Take(4))
            for (var tries = 0; tries < 20 && await Answer(() => week.App.QualifyAsync("POST", link, new() { ["decision"] = "accept" })) != 303; tries++) { }

        var expected = leadIds.SelectMany(id => new[] { $"evt_2026-W50_{id}_received", $"evt_2026-W50_{id}_delivered" }).ToHashSet();
        bool AllArrived() => expected.IsSubsetOf(receiver.Accepted.Select(a => a.Id)) && receiver.Accepted.Count(a => a.Type == "lead.decided") >= 4;
        var rounds = 0;
        for (; rounds < 300 && !AllArrived(); rounds++)
        {
            week.App.Time.Advance(TimeSpan.FromMinutes(5));
            // The heartbeats, each of which storage may fail: the batch (until it finishes), the reconciler, delivery.
            await Tolerate(week.RunBatchAsync);
            await Tolerate(() => week.App.Get<WebhookReconciler>().RunAsync(CancellationToken.None));
            await Tolerate(() => DeliverAsync(week));
        }
        faults.Enabled = false;

        var accepted = receiver.Accepted.ToList();
        Assert.Empty(expected.Except(accepted.Select(a => a.Id)));
        Assert.Equal(4, accepted.Where(a => a.Type == "lead.decided").Select(a => a.Id).Distinct().Count());
        Assert.All(receiver.Requests, r => Assert.True(r.SignatureValid));
        // A repeat is the same event: the same id always names the same type and lead.
        Assert.All(receiver.Requests.GroupBy(r => r.Id), g => Assert.Single(g.Select(r => (r.Type, r.LeadId)).Distinct()));
        // Retries reuse the id: every id the receiver ever saw was, in the end, accepted, and no other.
        Assert.Equal(accepted.Select(a => a.Id).ToHashSet(), receiver.Requests.Select(r => r.Id).ToHashSet());
        Assert.True(receiver.Requests.Count > accepted.Select(a => a.Id).Distinct().Count(), "the receiver's failures caused retries");
        Assert.True(faults.Injected.Values.Sum() > 0, "storage faults were injected");
        output.WriteLine($"seed {seed}: {accepted.Select(a => a.Id).Distinct().Count()} events delivered in {receiver.Requests.Count} requests " +
            $"({receiver.Requests.Count - accepted.Count} refused and retried with the same webhook-id, {accepted.Count - accepted.Select(a => a.Id).Distinct().Count()} accepted twice), " +
            $"{faults.Injected.Values.Sum()} storage faults, {rounds} runs of 5 minutes");
    }

    [Fact]
    public async Task An_emission_lost_after_a_decision_is_emitted_by_the_reconciler_and_delivered()
    {
        var faults = new StorageFaults(seed: 1, rate: 0);
        await using var receiver = new WebhookReceiver();
        await using var week = Scenario(azurite.ConnectionString, receiver, services => services.AddSingleton<HttpPipelinePolicy>(faults));
        await PostAsync(week, "ada@example.com", "Analytical Engines Ltd");
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));
        await week.RunBatchAsync();
        await DeliverAsync(week);

        // The process dies as it writes the decision's event: the decision itself is stored.
        faults.CrashOnce((_, body) => body.Contains("_decided-1", StringComparison.Ordinal));
        var link = Assert.Single(week.QualifyLinks(TestSettings.Rita.Email));
        Assert.Equal(303, (await week.App.QualifyAsync("POST", link, new() { ["decision"] = "accept" })).Status);
        Assert.True(faults.Crashed);
        await DeliverAsync(week);
        Assert.DoesNotContain(receiver.Accepted, a => a.Type == "lead.decided");

        Assert.Equal(1, await week.App.Get<WebhookReconciler>().RunAsync(CancellationToken.None));
        Assert.Equal(0, await week.App.Get<WebhookReconciler>().RunAsync(CancellationToken.None));
        await DeliverAsync(week);
        var decided = Assert.Single(receiver.Accepted, a => a.Type == "lead.decided");
        Assert.EndsWith("_decided-1", decided.Id);
    }

    [Fact]
    public async Task A_receiver_down_for_three_days_is_disabled_with_the_alert_and_gets_its_waiting_events_once_enabled()
    {
        await using var receiver = new WebhookReceiver { Fail = _ => new LoopbackReply(500) };
        await using var week = Scenario(azurite.ConnectionString, receiver);
        await PostAsync(week, "one@example.com", "One Ltd");
        await PostAsync(week, "two@example.com", "Two Ltd");

        var start = week.App.Time.GetUtcNow();
        WebhookRunResult result;
        do
        {
            result = await DeliverAsync(week);
            week.App.Time.Advance(TimeSpan.FromMinutes(30));
        } while (result.Disabled == 0 && week.App.Time.GetUtcNow() - start < TimeSpan.FromDays(4));

        Assert.Equal(1, result.Disabled);
        Assert.InRange(week.App.Time.GetUtcNow() - start, TimeSpan.FromDays(3), TimeSpan.FromDays(3.1));
        Assert.Contains(week.App.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("Webhook subscription crm disabled", StringComparison.Ordinal));
        var triesWhileFailing = receiver.Requests.Count;
        Assert.InRange(triesWhileFailing, 10, 60); // backoff: tens of tries over three days, not one a minute
        Assert.Equal(new WebhookRunResult(0, 0, 0), await DeliverAsync(week)); // disabled: nothing is tried

        var page = await week.App.GetAsync("/api/webhooks?format=json", http => week.App.Function<WebhookAdmin>().Run(http, CancellationToken.None));
        var crm = JsonDocument.Parse(page.Body).RootElement.GetProperty("subscriptions")[0];
        Assert.False(crm.GetProperty("enabled").GetBoolean());
        Assert.Equal(2, crm.GetProperty("pending").GetInt32());
        Assert.Equal("HTTP 500", crm.GetProperty("attempts")[0].GetProperty("outcome").GetString());

        receiver.Fail = _ => null;
        var enable = await week.App.SendAsync(LeadRequests.UrlEncoded(new Dictionary<string, string> { ["action"] = "enable", ["subscription"] = "crm" }) with { Target = "/api/webhooks" },
            http => week.App.Function<WebhookAdmin>().Run(http, CancellationToken.None));
        Assert.Equal(200, enable.Status);
        Assert.Contains("Subscription crm is enabled", enable.Body);
        Assert.Equal(2, (await DeliverAsync(week)).Delivered);
        Assert.Equal(2, receiver.Accepted.Select(a => a.Id).Distinct().Count());
    }

    [Fact]
    public async Task The_log_and_delivered_events_are_kept_for_their_days_and_a_waiting_event_until_it_goes()
    {
        await using var receiver = new WebhookReceiver();
        await using var week = Scenario(azurite.ConnectionString, receiver);
        await PostAsync(week, "one@example.com", "One Ltd");
        await PostAsync(week, "two@example.com", "Two Ltd");
        Assert.Equal(2, (await DeliverAsync(week)).Delivered);
        receiver.Fail = _ => new LoopbackReply(500);
        await PostAsync(week, "three@example.com", "Three Ltd");
        Assert.Equal(1, (await DeliverAsync(week)).Failed);
        var store = week.App.Get<WebhookStore>();
        var waiting = Assert.Single(await store.DueAsync("crm", DateTimeOffset.MaxValue, 10, CancellationToken.None)).EventId;

        week.App.Time.Advance(TimeSpan.FromDays(100)); // Webhooks:LogDays (90) after the week closed
        await week.App.Get<WebhookReconciler>().RunAsync(CancellationToken.None);

        Assert.Empty(await store.AttemptsAsync("crm", 100, CancellationToken.None));
        Assert.Equal([waiting], await store.EmittedAsync("crm", "2026-W50", CancellationToken.None));
        Assert.Equal(1, await store.CountPendingAsync("crm", CancellationToken.None));
        receiver.Fail = _ => null;
        await week.App.Get<WebhookDispatcher>().EnableAsync("crm", CancellationToken.None); // due at once, whatever its backoff said
        Assert.Equal(1, (await DeliverAsync(week)).Delivered);
        Assert.Equal(waiting, receiver.Accepted.Last().Id);
    }

    [Fact]
    public async Task Enabling_an_unknown_subscription_is_a_404_naming_the_field()
    {
        await using var receiver = new WebhookReceiver();
        await using var week = Scenario(azurite.ConnectionString, receiver);
        var response = await week.App.SendAsync(LeadRequests.UrlEncoded(new Dictionary<string, string> { ["action"] = "enable", ["subscription"] = "nope" }) with { Target = "/api/webhooks" },
            http => week.App.Function<WebhookAdmin>().Run(http, CancellationToken.None));
        Assert.Equal(404, response.Status);
        Assert.Contains("subscription must name a configured subscription", response.Body);
    }

    private static async Task<int> Answer(Func<Task<TestResponse>> post)
    {
        try
        {
            return (await post()).Status;
        }
        catch (StorageUnavailableException)
        {
            return 503;
        }
    }

    private static async Task Tolerate<T>(Func<Task<T>> action)
    {
        try
        {
            await action();
        }
        catch (StorageUnavailableException)
        {
            // A run that storage failed: the next one goes on, as the timer's would.
        }
    }

    /// <summary>The payload schemas from docs/webhooks, as subscribers would use them: the common one first, which the others refer to.</summary>
    private static class Schemas
    {
        private static readonly Dictionary<string, JsonSchema> ByType = Load();

        private static Dictionary<string, JsonSchema> Load()
        {
            var folder = Path.Combine(RepositoryRoot.Path, "docs", "webhooks");
            var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
            JsonSchema.FromText(File.ReadAllText(Path.Combine(folder, "common.schema.json")), options);
            return WebhookEventTypes.All.ToDictionary(t => t, t => JsonSchema.FromText(File.ReadAllText(Path.Combine(folder, t + ".schema.json")), options));
        }

        public static bool Validate(string type, string body) =>
            ByType[type].Evaluate(JsonDocument.Parse(body).RootElement, new EvaluationOptions { RequireFormatValidation = true }).IsValid;
    }
}
