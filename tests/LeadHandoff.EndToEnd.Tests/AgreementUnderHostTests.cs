using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LeadHandoff.EndToEnd.Tests;

/// <summary>
/// The agreement under the real host: a program proposes through the keyed JSON route, the head of
/// the other side answers from the link the fake SendGrid received, and the keyed agreement route
/// then says version 2, from the next batch week. The three routes under <c>/api/agreement</c>
/// reach their own functions, and each key opens its own function only.
/// </summary>
[Trait("Category", "Host")]
public sealed class AgreementUnderHostTests : StorageAndMail
{
    [Fact]
    public async Task A_proposal_made_in_json_is_approved_from_the_emailed_link_and_read_back_as_version_2()
    {
        var settings = TestSettings.For(Storage.ConnectionString);
        TestSettings.TimersOff(settings);
        TestSettings.UseSendGrid(settings, SendGrid);
        await using var host = await FuncHost.StartAsync(settings, Storage.ConnectionString);
        var http = FuncHost.Http;
        var rosterKey = Uri.EscapeDataString(await host.CreateFunctionKeyAsync("TeamAdmin", "admins"));
        var proposalsKey = Uri.EscapeDataString(await host.CreateFunctionKeyAsync("AgreementProposals", "crm"));
        var agreementKey = Uri.EscapeDataString(await host.CreateFunctionKeyAsync("GetAgreement", "wallboard"));
        (await http.PostAsync($"{host.BaseUrl}/api/team/roster?format=json&code={rosterKey}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["action"] = "save-member", ["id"] = "mgr-1", ["name"] = "Morgan Manager", ["email"] = "manager@example.com", ["role"] = "Manager", ["language"] = "en", ["active"] = "on",
        }))).EnsureSuccessStatusCode();

        // The agreement's key opens the agreement, not the proposals.
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync($"{host.BaseUrl}/api/agreement/proposals?code={agreementKey}", new { side = "marketing", by = "x", weeklyTarget = "40" })).StatusCode);
        using var proposed = await http.PostAsJsonAsync($"{host.BaseUrl}/api/agreement/proposals?code={proposalsKey}", new { side = "marketing", by = "Mali's CRM", weeklyTarget = "40", qualityTarget = "35%" });
        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);

        var mail = SendGrid.To("manager@example.com").Single(m => m.LedgerId.StartsWith("agreement-", StringComparison.Ordinal));
        var link = Regex.Match(mail.Text, @"https://\S+/api/agreement/answer\?t=\S+").Value;
        var answer = host.BaseUrl + new Uri(link).PathAndQuery; // the settings' BaseUrl names the deployed app; here the host listens locally
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(answer)).StatusCode);
        using var approved = await http.PostAsync(answer, new FormUrlEncodedContent(new Dictionary<string, string> { ["action"] = "approve" }));
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

        using var json = JsonDocument.Parse(await http.GetStringAsync($"{host.BaseUrl}/api/agreement?format=json&code={agreementKey}"));
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("version").GetInt32());
        Assert.Equal(40, root.GetProperty("terms").GetProperty("weeklyTarget").GetInt32());
        Assert.Equal(0.35, root.GetProperty("terms").GetProperty("qualityTarget").GetDouble());
        Assert.Equal("Morgan Manager (mgr-1)", root.GetProperty("history")[1].GetProperty("approvedBy").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("proposal").ValueKind);
        var page = await http.GetStringAsync($"{host.BaseUrl}/api/agreement?code={agreementKey}");
        Assert.Contains("Marketing delivers at least 40 leads by", WebUtility.HtmlDecode(page));
    }
}
