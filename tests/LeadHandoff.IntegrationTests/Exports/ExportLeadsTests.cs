using System.Text.Json;
using LeadHandoff.Functions.Exports;
using LeadHandoff.Privacy;
using LeadHandoff.Tables;
using LeadHandoff.Tests.Batches;
using LeadHandoff.Tests.Infrastructure;

namespace LeadHandoff.Tests.Exports;

/// <summary>Marketing's export of a week: the leads with what sales decided, as CSV and JSON, audited, erased people left out.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ExportLeadsTests(AzuriteFixture azurite)
{
    private static Task<TestResponse> ExportAsync(BatchScenario week, string query) =>
        week.App.GetAsync("/api/leads/export" + query, http => week.App.Function<ExportLeads>().Run(http, CancellationToken.None));

    [Fact]
    public async Task A_week_exports_as_json_and_as_formula_safe_utf8_csv_with_decisions_by_label()
    {
        await using var week = await ScorecardScenario.DecidedWeekAsync(azurite.ConnectionString);
        await week.AddLeadAsync("d@delta.example", "=HYPERLINK(\"http://evil.example\")", at: new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));

        var json = await ExportAsync(week, "?window=2026-W50");
        var csv = await ExportAsync(week, "?window=2026-W50&format=csv");

        Assert.Equal(200, json.Status);
        Assert.Equal("no-store", json.Header("Cache-Control"));
        var leads = JsonDocument.Parse(json.Body).RootElement.GetProperty("leads").EnumerateArray().ToList();
        Assert.Equal(4, leads.Count);
        Assert.Equal(["accepted", "rejected", "nurture", "undecided"], leads.Select(l => l.GetProperty("status").GetString()));
        Assert.Equal("No budget", leads[1].GetProperty("reason").GetString());
        Assert.Equal("Rita Rep", leads[0].GetProperty("owner").GetString());
        Assert.False(leads[2].GetProperty("onTime").GetBoolean());

        Assert.Equal(200, csv.Status);
        Assert.Equal("text/csv; charset=utf-8", csv.ContentType);
        Assert.Equal("attachment; filename=\"leads-2026-W50.csv\"", csv.Header("Content-Disposition"));
        Assert.StartsWith("\uFEFFlead_id,week,", csv.Body);
        Assert.Equal(5, csv.Body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains(",No budget,", csv.Body);
        // A company name a spreadsheet would run as a formula reaches the sheet as text.
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\")\",", csv.Body);
        Assert.DoesNotContain(",=", csv.Body);

        var audit = await (await week.App.Get<LeadTables>().GetAsync(LeadTables.Audit, CancellationToken.None)).QueryAsync<AuditEntity>().ToListAsync();
        Assert.Equal(["export-week 2026-W50 (csv)", "export-week 2026-W50 (json)"], audit.Select(a => a.Action).Order());
        Assert.All(audit, a => Assert.Equal(4, a.Leads));
    }

    [Fact]
    public async Task Erased_people_are_left_out_and_a_bad_week_or_format_gets_400_naming_it()
    {
        await using var week = await ScorecardScenario.DecidedWeekAsync(azurite.ConnectionString);
        await week.App.Get<LeadHandoff.Privacy.PrivacyService>().EraseAsync("a@alpha.example", CancellationToken.None);

        var json = await ExportAsync(week, "?window=2026-W50&format=json");
        var badWeek = await ExportAsync(week, "?window=last-week");
        var badFormat = await ExportAsync(week, "?window=2026-W50&format=xlsx");

        Assert.Equal(2, JsonDocument.Parse(json.Body).RootElement.GetProperty("leads").GetArrayLength());
        Assert.DoesNotContain("alpha", json.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(400, badWeek.Status);
        Assert.Contains("\"window\"", badWeek.Body);
        Assert.Equal(400, badFormat.Status);
        Assert.Contains("\"format\"", badFormat.Body);
    }
}
