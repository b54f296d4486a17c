using System.Text.Json;
using LeadHandoff.Qualification;
using LeadHandoff.Tests.Batches;
using LeadHandoff.Tests.Infrastructure;

namespace LeadHandoff.Tests.Scorecards;

/// <summary>
/// The scorecard end to end on Azurite: batch 2026-W50 with three leads (one hostile offer name),
/// one accepted on time, one rejected, one decided late.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class GetScorecardTests(AzuriteFixture azurite)
{
    private Task<BatchScenario> DecidedWeekAsync(Action<Dictionary<string, string?>>? configure = null) => ScorecardScenario.DecidedWeekAsync(azurite.ConnectionString, configure);

    [Fact]
    public async Task Json_is_the_default_and_carries_the_weeks_numbers()
    {
        await using var week = await DecidedWeekAsync();

        var response = await week.GetScorecardAsync("?weeks=2&end=2026-W50");

        Assert.Equal(200, response.Status);
        Assert.Equal("application/json; charset=utf-8", response.ContentType);
        var card = JsonDocument.Parse(response.Body).RootElement;
        // 2026-W49 came before the first batch: not one of the agreement's weeks, so not a missed target.
        Assert.Equal("2026-W50", card.GetProperty("from").GetString());
        Assert.Equal("2026-W50", card.GetProperty("to").GetString());
        Assert.Equal(1, card.GetProperty("weeks").GetArrayLength());
        Assert.Equal(0, card.GetProperty("weeksTargetHit").GetInt32());
        var w50 = card.GetProperty("weeks")[0];
        Assert.Equal("2026-W50", w50.GetProperty("week").GetString());
        Assert.Equal("2026-12-07", w50.GetProperty("batchDate").GetString());
        var m = w50.GetProperty("metrics");
        Assert.Equal(3, m.GetProperty("delivered").GetInt32());
        Assert.Equal(2, m.GetProperty("decidedOnTime").GetInt32());
        Assert.Equal(0.6667, m.GetProperty("onTimeShare").GetDouble());
        Assert.Equal(4, m.GetProperty("medianHoursToDecide").GetDouble());
        Assert.Equal(71.98, m.GetProperty("p90HoursToDecide").GetDouble()); // Monday 09:01 to Thursday 09:00: 3 days less a minute
        Assert.Equal(0.3333, m.GetProperty("conversion").GetDouble());
        Assert.Equal(1, m.GetProperty("rejectReasons").GetProperty("no-budget").GetInt32());
        Assert.Equal("Rita Rep", card.GetProperty("byOwner")[0].GetProperty("label").GetString());
        Assert.Equal("pricing-guide", card.GetProperty("feedback").GetProperty("byOffer")[0].GetProperty("value").GetString());
    }

    [Fact]
    public async Task Csv_comes_back_when_asked_for_and_parses_back()
    {
        await using var week = await DecidedWeekAsync();

        var response = await week.GetScorecardAsync("?weeks=2&end=2026-W50", "text/csv");

        Assert.Equal("text/csv; charset=utf-8", response.ContentType);
        var rows = CsvReader.Parse(response.Body);
        Assert.Equal(LeadHandoff.Scorecards.ScorecardCsv.Header, rows[0]);
        var w50 = rows.Single(r => r[0] == "week" && r[1] == "2026-W50");
        var column = (string name) => w50[Array.IndexOf(rows[0], name)];
        Assert.Equal(("3", "5", "no", "1", "0.3333", "no-budget=1"), (column("delivered"), column("target"), column("target_hit"), column("accepted"), column("conversion"), column("reject_reasons")));
        Assert.Contains(rows, r => r[0] == "offer" && r[1] == "pricing-guide" && r[3] == "3");
    }

    [Fact]
    public async Task A_browser_gets_a_page_with_inline_svg_charts_and_encoded_values()
    {
        await using var week = await DecidedWeekAsync(s => s["Routing:Owners:0:Name"] = "<script>Rita</script>");

        var response = await week.GetScorecardAsync("?weeks=4&end=2026-W50", "text/html,application/xhtml+xml");

        Assert.Equal("text/html; charset=utf-8", response.ContentType);
        Assert.Equal(4, response.Body.Split("<svg ").Length - 1);
        Assert.Contains("aria-label=\"Leads delivered per week against the target\"", response.Body);
        Assert.Contains("&lt;script&gt;Rita&lt;/script&gt;", response.Body);
        Assert.DoesNotContain("<script>", response.Body);
        Assert.DoesNotContain("http", response.Body.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?weeks=0", "weeks")]
    [InlineData("?weeks=abc", "weeks")]
    [InlineData("?end=2026-50", "end")]
    public async Task A_bad_query_gets_400_naming_the_parameter(string query, string field)
    {
        await using var week = BatchScenario.Create(azurite.ConnectionString);

        var response = await week.GetScorecardAsync(query);

        Assert.Equal(400, response.Status);
        Assert.True(JsonDocument.Parse(response.Body).RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task The_weekly_scorecard_email_goes_with_the_next_Mondays_batch()
    {
        await using var week = await DecidedWeekAsync(s => s["Scorecard:SendWithBatch"] = "true");
        while (week.SendGrid.Accepted.TryDequeue(out _)) { }
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddDays(7).AddMinutes(1)); // Monday 14 December

        await week.RunBatchAsync();

        var mail = Assert.Single(week.SendGrid.Accepted, m => m.Subject.StartsWith("Scorecard"));
        Assert.Equal("Scorecard for batch 2026-W50: 3 delivered, 66.7% on time, 33.3% SQL", mail.Subject);
        Assert.Equal(["manager@example.com", "marketing@example.com"], mail.To);
        Assert.Contains("bgcolor=\"#c62828\"", mail.Html); // the table-cell bar chart
        Assert.DoesNotContain("<svg", mail.Html);
        Assert.Contains("  7 Dec: 3 (missed)", mail.Text); // weeks by their batch day, not ISO codes
        Assert.Contains("No budget 1", mail.Html); // the reason's label, never its id
        Assert.DoesNotContain("no-budget", mail.Html);
    }

    [Fact]
    public async Task When_the_manager_and_the_marketing_lead_read_thai_the_monday_summary_and_the_scorecard_are_in_thai()
    {
        await using var week = await DecidedWeekAsync(s => s["Scorecard:SendWithBatch"] = "true");
        var admin = week.App.Get<LeadHandoff.Team.TeamAdminService>();
        await admin.SaveMemberAsync(new LeadHandoff.Team.TeamMember("mgr-1", "สมศักดิ์", "manager@example.com", LeadHandoff.Team.TeamRole.Manager, Language: "th"), CancellationToken.None);
        await admin.SaveMemberAsync(new LeadHandoff.Team.TeamMember("mkt-1", "สุดา", "marketing@example.com", LeadHandoff.Team.TeamRole.Marketing, Language: "th"), CancellationToken.None);
        while (week.SendGrid.Accepted.TryDequeue(out _)) { }
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddDays(7).AddMinutes(1));

        await week.RunBatchAsync();

        var mail = Assert.Single(week.SendGrid.Accepted, m => m.Subject.StartsWith("สรุปผลงาน"));
        Assert.Equal("สรุปผลงานรอบ 2026-W50: ส่งมอบ 3 ทันกำหนด 66.7% SQL 33.3%", mail.Subject);
        Assert.Contains("<html lang=\"th\">", mail.Html);
        Assert.Contains("  7 ธ.ค.: 3 (ไม่ถึงเป้า)", mail.Text);
        Assert.Contains("ไม่มีงบประมาณ 1", mail.Html);
        Assert.DoesNotContain("delivered", mail.Text);
        var summary = Assert.Single(week.SendGrid.Accepted, m => m.Subject.StartsWith("ลีดรอบ 2026-W51"));
        Assert.Contains("<html lang=\"th\">", summary.Html);
        Assert.Contains("กำหนดที่ฝ่ายขายต้องตัดสินใจทุกลีด: วันพุธที่ 16 ธันวาคม 2569 เวลา 17:00 น. (Europe/London)", summary.Text);
        Assert.Contains("กันไว้ไม่ให้ถึงฝ่ายขาย: สแปม", summary.Text);
        Assert.DoesNotContain("Kept out of sales' hands", summary.Text);
    }
}
