using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using LeadHandoff.Functions.Privacy;
using LeadHandoff.Leads;
using LeadHandoff.Tables;
using LeadHandoff.Tests.Batches;
using LeadHandoff.Tests.Functions.Intake;
using LeadHandoff.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LeadHandoff.Tests.Privacy;

/// <summary>
/// The person index is written when a week's batch goes out, so a new lead costs one storage round
/// trip on the form's request path. These tests hold the two promises that move puts at risk:
/// de-duplication stays exact, and erasure and export still find everything, batched or not.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PersonIndexTests(AzuriteFixture azurite)
{
    /// <summary>Counts the storage requests the app sends (each attempt), by method and table.</summary>
    private sealed class RequestLog : HttpPipelinePolicy
    {
        public ConcurrentQueue<string> Requests { get; } = new();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Requests.Enqueue($"{message.Request.Method} {message.Request.Uri.Path}");
            await ProcessNextAsync(message, pipeline);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => throw new NotSupportedException();
    }

    private static Task<TestResponse> PrivacyAsync(BatchScenario week, string email, bool erase) =>
        week.App.SendAsync(LeadRequests.Json(new { email }), http => erase
            ? week.App.Function<PersonalDataRequests>().Erase(http, CancellationToken.None)
            : week.App.Function<PersonalDataRequests>().Export(http, CancellationToken.None));

    [Fact]
    public async Task A_new_lead_costs_one_storage_round_trip_on_the_request_path_and_a_repeat_is_still_folded_into_it()
    {
        var log = new RequestLog();
        await using var week = BatchScenario.Create(azurite.ConnectionString, overrides: s => s.AddSingleton<HttpPipelinePolicy>(log));
        await week.App.PostAsync(LeadRequests.Json(LeadRequests.Valid("warm.up@example.com"))); // creates the tables
        log.Requests.Clear();

        Assert.Equal(201, (await week.App.PostAsync(LeadRequests.Json(LeadRequests.Valid("ada@example.com")))).Status);
        // One entity-group transaction (the dedupe row and the lead), nothing else.
        var only = Assert.Single(log.Requests);
        Assert.StartsWith("POST ", only);
        Assert.EndsWith("/$batch", only);

        await week.App.PostAsync(LeadRequests.Json(LeadRequests.Valid("ADA@example.com")));
        var ada = Assert.Single(await week.App.LeadsAsync(), l => l.Details.Email == "ada@example.com");
        Assert.Equal(2, ada.SubmissionCount);
    }

    [Fact]
    public async Task The_batch_indexes_the_weeks_people_and_flagged_submitters_and_nothing_before_it_does()
    {
        await using var week = BatchScenario.Create(azurite.ConnectionString);
        await week.App.PostAsync(LeadRequests.Json(LeadRequests.Valid("ada@example.com")));
        await week.App.PostAsync(LeadRequests.Json(new Dictionary<string, string>(LeadRequests.Valid("bot@spam.example")) { ["lh_trap"] = "x" }));
        var index = await week.App.Get<LeadTables>().GetAsync(LeadTables.PersonWeeks, CancellationToken.None);
        Assert.Empty(await index.QueryAsync<PersonWeekEntity>().ToListAsync());

        week.App.Time.SetUtcNow(BatchScenario.CutOff);
        await week.RunBatchAsync();

        var rows = await index.QueryAsync<PersonWeekEntity>().ToListAsync();
        Assert.Equal(
            new[] { EmailHash.Of("ada@example.com"), EmailHash.Of("bot@spam.example") }.Select(h => PersonWeekEntity.RowKeyOf(h, "2026-W50")).Order(StringComparer.Ordinal),
            rows.Select(r => r.RowKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Export_and_erasure_find_a_person_in_the_open_week_before_any_batch_indexed_them()
    {
        await using var week = BatchScenario.Create(azurite.ConnectionString);
        // Last week's batch went out (indexing its people); this week's lead and spam are not indexed yet.
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));
        await week.App.PostAsync(LeadRequests.Json(LeadRequests.Valid("grace@navy.example", "Grace Hopper")));
        await week.RunBatchAsync();
        week.App.Time.Advance(TimeSpan.FromDays(2));
        var fields = LeadRequests.Valid("grace@navy.example", "Grace Hopper");
        fields["company"] = "Navy Two";
        await week.App.PostAsync(LeadRequests.Json(fields));
        fields["lh_trap"] = "x";
        await week.App.PostAsync(LeadRequests.Json(fields));

        var export = JsonDocument.Parse((await PrivacyAsync(week, "grace@navy.example", erase: false)).Body).RootElement;
        Assert.Equal(["2026-W51"], export.GetProperty("leads").EnumerateArray().Select(l => l.GetProperty("windowId").GetString()));
        Assert.Single(export.GetProperty("submissions").EnumerateArray());

        var erased = await PrivacyAsync(week, "grace@navy.example", erase: true);
        Assert.Contains("\"leads\":1,\"submissions\":1", erased.Body);
        var all = await TableScan.AllRowsAsync(week.App);
        Assert.DoesNotContain(all.Values.SelectMany(r => r), r => r.Contains("grace", StringComparison.OrdinalIgnoreCase) || r.Contains("Navy Two", StringComparison.Ordinal));
        Assert.Empty(JsonDocument.Parse((await PrivacyAsync(week, "grace@navy.example", erase: false)).Body).RootElement.GetProperty("leads").EnumerateArray());
    }

    [Fact]
    public async Task A_person_indexed_only_by_the_first_person_index_is_still_exported_and_erased()
    {
        await using var week = BatchScenario.Create(azurite.ConnectionString);
        await week.App.PostAsync(LeadRequests.Json(LeadRequests.Valid("old@customer.example", "Old Customer")));
        week.App.Time.SetUtcNow(BatchScenario.CutOff);
        await week.RunBatchAsync();
        // As a deployment before the move left it: the week in the old index, not in the new one.
        var tables = week.App.Get<LeadTables>();
        var hash = EmailHash.Of("old@customer.example");
        await (await tables.GetAsync(LeadTables.PersonWeeks, CancellationToken.None)).DeleteEntityAsync(PersonWeekEntity.BucketOf(hash), PersonWeekEntity.RowKeyOf(hash, "2026-W50"));
        await (await tables.GetAsync(LeadTables.People, CancellationToken.None)).UpsertEntityAsync(new PersonIndexEntity { PartitionKey = hash, RowKey = "2026-W50" });

        var export = JsonDocument.Parse((await PrivacyAsync(week, "old@customer.example", erase: false)).Body).RootElement;
        Assert.Single(export.GetProperty("leads").EnumerateArray());
        Assert.Contains("\"leads\":1", (await PrivacyAsync(week, "old@customer.example", erase: true)).Body);
        Assert.Empty(await (await tables.GetAsync(LeadTables.People, CancellationToken.None)).QueryAsync<PersonIndexEntity>().ToListAsync());
    }
}
