using LeadHandoff.Tests.Batches;
using LeadHandoff.Tests.Functions.Intake;
using LeadHandoff.Tests.Infrastructure;

namespace LeadHandoff.Tests.Functions.Qualification;

/// <summary>The rep's pages between meetings, on a phone: nothing typed is lost, the list shows what is left, numbers can be tapped.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RepPageTests(AzuriteFixture azurite)
{
    /// <summary>Three leads to Rita, one with a phone number; the batch sent.</summary>
    private async Task<BatchScenario> WeekAsync()
    {
        var week = BatchScenario.Create(azurite.ConnectionString, s => s["Routing:Pool:1"] = "rep-1");
        await week.AddLeadAsync("a@alpha.example", "Alpha");
        await week.AddLeadAsync("b@beta.example", "Beta");
        await week.AddLeadAsync("c@gamma.example", "Gamma");
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));
        await week.RunBatchAsync();
        return week;
    }

    /// <summary>One lead to Rita, who reads Thai; the batch sent.</summary>
    private async Task<BatchScenario> ThaiWeekAsync()
    {
        var week = BatchScenario.Create(azurite.ConnectionString, s =>
        {
            s["Routing:Pool:1"] = "rep-1";
            s["Routing:Owners:0:Language"] = "th"; // Rita
        });
        await week.AddLeadAsync("a@alpha.example", "Alpha");
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));
        await week.RunBatchAsync();
        return week;
    }

    [Fact]
    public async Task A_thai_reps_pages_are_in_thai_with_buddhist_era_dates_and_the_lead_in_its_own_words()
    {
        await using var week = await ThaiWeekAsync();

        var batch = System.Net.WebUtility.HtmlDecode((await week.App.BatchPageAsync("GET", week.BatchLink(TestSettings.Rita.Email))).Body);
        var lead = System.Net.WebUtility.HtmlDecode((await week.App.QualifyAsync("GET", week.QualifyLinks(TestSettings.Rita.Email)[0])).Body);

        Assert.Contains("<html lang=\"th\">", batch);
        Assert.Contains("<h1>ลีดของคุณในรอบ 2026-W50</h1>", batch);
        Assert.Contains("ตัดสินใจภายใน<strong>วันพุธที่ 9 ธันวาคม 2569 เวลา 17:00 น. (Europe/London)</strong>", batch);
        Assert.Contains("<label for=\"decision-accept-", batch);
        Assert.Contains("รับ: เป็นลีดที่ฝ่ายขายรับรอง (SQL)", batch);
        Assert.Contains("<html lang=\"th\">", lead);
        Assert.Contains("<dt>ข้อความ</dt>", lead);
        Assert.Contains("บันทึกการตัดสินใจ</button>", lead);
        Assert.Contains("<h1>Alpha</h1>", lead); // what the lead typed stays as typed
        Assert.DoesNotContain("Record decision", lead);
    }

    [Fact]
    public async Task A_thai_reps_refused_decision_says_why_in_thai_and_offers_the_reasons_in_thai()
    {
        await using var week = await ThaiWeekAsync();
        var link = week.QualifyLinks(TestSettings.Rita.Email)[0];

        var refused = await week.App.QualifyAsync("POST", link, new() { ["decision"] = "reject", ["note"] = "งบหมด" });
        var body = System.Net.WebUtility.HtmlDecode(refused.Body);

        Assert.Equal(400, refused.Status);
        Assert.Contains("<li>เลือกเหตุผลที่ปฏิเสธลีดนี้</li>", body);
        Assert.Contains(">ไม่มีงบประมาณ</option>", body);
        Assert.Contains(">อื่น ๆ (ระบุเหตุผลในบันทึก)</option>", body);
        Assert.Contains("งบหมด</textarea>", body);
        Assert.DoesNotContain("Choose a reason", body);
        Assert.DoesNotContain("No budget", body);
    }

    [Fact]
    public async Task A_refused_decision_comes_back_beside_its_lead_with_the_choice_and_the_note_kept()
    {
        await using var week = await WeekAsync();
        var link = week.BatchLink(TestSettings.Rita.Email);
        var page = await week.App.BatchPageAsync("GET", link);
        var leadId = System.Text.RegularExpressions.Regex.Match(page.Body, "name=\"lead\" value=\"([^\"]+)\"").Groups[1].Value;

        var refused = await week.App.BatchPageAsync("POST", link, new() { ["lead"] = leadId, ["decision"] = "reject", ["note"] = "Spoke to them: <no budget> until Q3" });

        Assert.Equal(400, refused.Status);
        var section = refused.Body[refused.Body.IndexOf($"id=\"lead-{leadId}\"", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Contains("The decision was not recorded", section);
        Assert.Contains($"id=\"decision-reject-{leadId}\" name=\"decision\" value=\"reject\" required checked", section);
        Assert.Contains("Spoke to them: &lt;no budget&gt; until Q3</textarea>", section);
        // Every form posts back to its own lead, so the browser lands beside the error.
        Assert.Contains($"#lead-{leadId}\"", section);
    }

    [Fact]
    public async Task Undecided_leads_come_first_decided_ones_fold_away_and_can_be_hidden()
    {
        await using var week = await WeekAsync();
        var link = week.BatchLink(TestSettings.Rita.Email);
        var first = System.Text.RegularExpressions.Regex.Match((await week.App.BatchPageAsync("GET", link)).Body, "name=\"lead\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.Equal(303, (await week.App.BatchPageAsync("POST", link, new() { ["lead"] = first, ["decision"] = "accept" })).Status);

        var page = (await week.App.BatchPageAsync("GET", link)).Body;
        var decidedAt = page.IndexOf($"id=\"lead-{first}\"", StringComparison.Ordinal);
        Assert.True(page.IndexOf("<h2>Decided (1)</h2>", StringComparison.Ordinal) < decidedAt);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(page[..page.IndexOf("<h2>Decided (1)</h2>", StringComparison.Ordinal)], "<section class=\"card\"").Count);
        Assert.Contains("<details><summary>Details, or change the decision</summary>", page[decidedAt..]);
        Assert.Contains("Show only the 2 still to decide", page);

        var filtered = (await week.App.BatchPageAsync("GET", link + "&show=undecided")).Body;
        Assert.DoesNotContain($"id=\"lead-{first}\"", filtered);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(filtered, "<section class=\"card\"").Count);
        Assert.Contains("Show all 3, decided ones too", filtered);
    }

    [Fact]
    public async Task A_one_tap_link_opens_the_page_with_the_choice_made_and_records_nothing_and_phones_can_be_tapped()
    {
        await using var week = BatchScenario.Create(azurite.ConnectionString, s => s["Routing:Pool:1"] = "rep-1");
        var fields = LeadRequests.Valid("ada@example.com");
        fields["phone"] = "+44 (20) 7946-0000";
        await week.App.PostAsync(LeadRequests.Json(fields));
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));
        await week.RunBatchAsync();
        var mail = Assert.Single(week.SendGrid.To(TestSettings.Rita.Email));
        var accept = System.Text.RegularExpressions.Regex.Match(mail.Html, "href=\"([^\"]+&amp;choose=accept)\"").Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);

        var page = await week.App.QualifyAsync("GET", accept);

        Assert.Equal(200, page.Status);
        Assert.Contains("value=\"accept\" required checked", page.Body);
        Assert.Contains("<span class=\"pill\">Undecided</span>", page.Body);
        Assert.Null(Assert.Single(await week.App.LeadsAsync()).Decision);
        Assert.Contains("<a href=\"tel:&#x2B;442079460000\">&#x2B;44 (20) 7946-0000</a>", page.Body);
    }
}
