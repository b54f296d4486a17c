using System.Text;
using System.Text.Json;
using Azure.Core.Pipeline;
using LeadHandoff.Functions.Imports;
using LeadHandoff.Tests.Batches;
using LeadHandoff.Tests.Faults;
using LeadHandoff.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LeadHandoff.Tests.Imports;

/// <summary>Event leads by file: validated row by row, all or nothing, into the open week, and safe to upload twice.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ImportLeadsTests(AzuriteFixture azurite)
{
    private const string Header = "name,email,company,job_title,phone,message,sector,company_size";

    private static byte[] File(params string[] rows) =>
        [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join("\r\n", [Header, .. rows]) + "\r\n")];

    private static readonly byte[] GoodFile = File(
        "Ada Lovelace,ada@example.com,Analytical Engines,CTO,+44 20 7946 0000,\"Met at stand 12.\nWants a demo\",Software,11-50",
        "สมชาย ใจดี,somchai@example.co.th,บริษัท ตัวอย่าง จำกัด,CEO,,\"ขอใบเสนอราคา, please\",Retail,51-200",
        "Grace Hopper,grace@navy.example,Navy Systems,Admiral,,Follow up in January,Software,1-10");

    private static async Task<(int Status, JsonElement Body)> ImportAsync(BatchScenario week, byte[] file, string query = "?event=trade-show-2026")
    {
        var response = await week.App.SendAsync(new TestRequest("POST", "text/csv; charset=utf-8", file) { Target = "/api/leads/import" + query },
            http => week.App.Function<ImportLeads>().Run(http, CancellationToken.None));
        return (response.Status, JsonDocument.Parse(response.Body).RootElement.Clone());
    }

    [Fact]
    public async Task A_valid_file_joins_the_open_week_with_the_event_as_offer_and_source_and_uploading_it_again_adds_nothing()
    {
        await using var week = BatchScenario.Create(azurite.ConnectionString);

        var (status, result) = await ImportAsync(week, GoodFile);
        var (again, second) = await ImportAsync(week, GoodFile);

        Assert.Equal(200, status);
        Assert.Equal((3, 3, "2026-W50"), (result.GetProperty("rows").GetInt32(), result.GetProperty("stored").GetInt32(), result.GetProperty("week").GetString()));
        var leads = await week.App.LeadsAsync();
        Assert.Equal(3, leads.Count);
        Assert.All(leads, l => Assert.Equal(("trade-show-2026", "event", "trade-show-2026", 1), (l.Details.Source.Offer, l.Details.Source.UtmSource, l.Details.Source.UtmCampaign, l.SubmissionCount)));
        Assert.Equal("Met at stand 12.\nWants a demo", leads.Single(l => l.Details.Email == "ada@example.com").Details.Message);
        Assert.Equal("บริษัท ตัวอย่าง จำกัด", leads.Single(l => l.Details.Email == "somchai@example.co.th").Details.Company);

        Assert.Equal(200, again);
        Assert.Equal((0, 3), (second.GetProperty("stored").GetInt32(), second.GetProperty("alreadyImported").GetInt32()));
        Assert.Equal(3, (await week.App.LeadsAsync()).Count);
        Assert.All(await week.App.LeadsAsync(), l => Assert.Equal(1, l.SubmissionCount));
    }

    [Fact]
    public async Task One_invalid_row_stores_nothing_and_every_row_says_what_happened()
    {
        await using var week = BatchScenario.Create(azurite.ConnectionString);
        var file = File(
            "Ada Lovelace,ada@example.com,Analytical Engines,CTO,,Hello,Software,11-50",
            "No Email,,Nowhere Ltd,Buyer,,Hello,Software,11-50",
            "Bad Sector,bad@example.com,Bad Ltd,Buyer,,Hello,Farming,11-50");

        var (status, result) = await ImportAsync(week, file);

        Assert.Equal(422, status);
        Assert.False(result.GetProperty("imported").GetBoolean());
        var rows = result.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["not imported", "invalid", "invalid"], rows.Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal("Email is required.", rows[1].GetProperty("errors").GetProperty("email")[0].GetString());
        Assert.True(rows[2].GetProperty("errors").TryGetProperty("sector", out _));
        Assert.Empty(await week.App.LeadsAsync());
    }

    [Fact]
    public async Task A_repeat_within_the_file_or_of_a_form_lead_is_a_duplicate_of_that_lead()
    {
        await using var week = BatchScenario.Create(azurite.ConnectionString);
        await week.AddLeadAsync("ada@example.com", "Analytical Engines");
        var file = File(
            "Ada Lovelace,ADA@example.com,Analytical Engines,CTO,,Again at the show,Software,11-50",
            "Alan Turing,alan@bletchley.example,Bletchley,Lead,,Hello,Software,11-50",
            "Alan Turing,alan@bletchley.example,Bletchley,Lead,,Hello again,Software,11-50");

        var (status, result) = await ImportAsync(week, file);

        Assert.Equal(200, status);
        Assert.Equal(["duplicate"], result.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("row").GetInt32() == 1).Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal((1, 2), (result.GetProperty("stored").GetInt32(), result.GetProperty("duplicates").GetInt32()));
        Assert.Equal(2, (await week.App.LeadsAsync()).Count);
        Assert.Equal(2, (await week.App.LeadsAsync()).Single(l => l.Details.Email == "alan@bletchley.example").SubmissionCount);
    }

    [Fact]
    public async Task Storage_failing_part_way_answers_503_and_the_same_file_again_finishes_it_with_one_lead_each()
    {
        var faults = new StorageFaults(seed: 7, rate: 0.4, StorageFault.ServerError) { Enabled = false };
        await using var week = BatchScenario.Create(azurite.ConnectionString, s => s["Storage:MaxRetries"] = "0", services => services.AddSingleton<HttpPipelinePolicy>(faults));
        var rows = Enumerable.Range(0, 40).Select(i => $"Person {i},p{i}@example.com,Company {i},Buyer,,Hello,Software,11-50").ToArray();
        var file = File(rows);
        await week.App.LeadsAsync(); // the table exists before the faults start

        faults.Enabled = true;
        var (failed, _) = await ImportAsync(week, file);
        faults.Enabled = false;
        var (status, result) = await ImportAsync(week, file);

        Assert.Equal(503, failed);
        Assert.Equal(200, status);
        Assert.Equal(40, result.GetProperty("stored").GetInt32() + result.GetProperty("alreadyImported").GetInt32());
        var leads = await week.App.LeadsAsync();
        Assert.Equal(40, leads.Count);
        Assert.All(leads, l => Assert.Equal(1, l.SubmissionCount));
    }

    [Theory]
    [InlineData("", "event")]
    [InlineData("?event=trade%0Ashow", "event")]
    public async Task A_missing_event_gets_400_naming_it(string query, string field)
    {
        await using var week = BatchScenario.Create(azurite.ConnectionString);
        var (status, body) = await ImportAsync(week, GoodFile, query);
        Assert.Equal(400, status);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_gets_400_saying_how_to_save_it()
    {
        await using var week = BatchScenario.Create(azurite.ConnectionString);
        var latin1 = Encoding.Latin1.GetBytes(Header + "\r\nJosé Núñez,jose@example.com,Niño SA,CEO,,Hola,Software,11-50\r\n");

        var (status, body) = await ImportAsync(week, latin1);

        Assert.Equal(400, status);
        Assert.Contains("CSV UTF-8", body.GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.Empty(await week.App.LeadsAsync());
    }
}
