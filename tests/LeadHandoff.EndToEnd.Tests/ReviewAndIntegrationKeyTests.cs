using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LeadHandoff.EndToEnd.Tests;

/// <summary>
/// The review queue and the integration path under the real host, with keys made the way an admin
/// makes them: one on ReviewQueue for marketing, one on SubmitIntegrationLead per integration. Each
/// opens its own function and nothing else, above all not the privacy endpoints.
/// </summary>
[Trait("Category", "Host")]
public sealed class ReviewAndIntegrationKeyTests : IAsyncLifetime
{
    private Azurite _storage = null!;

    public async Task InitializeAsync() => _storage = await Azurite.StartAsync(tableOnly: false);

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task Marketing_reviews_and_releases_a_held_back_post_and_an_integration_posts_with_its_own_key_and_neither_key_opens_privacy()
    {
        var settings = TestSettings.For(_storage.ConnectionString);
        TestSettings.TimersOff(settings);
        var http = FuncHost.Http;
        await using var host = await FuncHost.StartAsync(settings, _storage.ConnectionString);
        // Keys can end in "=": escaped, as any query value must be.
        var marketing = Uri.EscapeDataString(await host.CreateFunctionKeyAsync("ReviewQueue", "marketing"));
        var zapier = Uri.EscapeDataString(await host.CreateFunctionKeyAsync("SubmitIntegrationLead", "zapier"));

        // A landing page built without the honeypot field: the visitor is thanked, the post held back.
        var fields = LeadRequests.Valid("real.person@example.com");
        fields.Remove("lh_trap");
        using (var post = new HttpRequestMessage(HttpMethod.Post, host.BaseUrl + "/api/leads") { Content = new FormUrlEncodedContent(fields), Headers = { { "Origin", "https://landing.example.com" } } })
            Assert.Equal(HttpStatusCode.SeeOther, (await http.SendAsync(post)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(host.BaseUrl + "/api/review?format=json")).StatusCode);
        var queue = JsonDocument.Parse(await http.GetStringAsync(host.BaseUrl + $"/api/review?format=json&code={marketing}")).RootElement;
        var item = Assert.Single(queue.GetProperty("submissions").EnumerateArray());
        Assert.Equal(("honeypot-missing", "https://landing.example.com"), (item.GetProperty("reason").GetString(), item.GetProperty("origin").GetString()));

        var page = await http.GetAsync(host.BaseUrl + $"/api/review?code={marketing}");
        Assert.Contains("Analytical Engines Ltd", await page.Content.ReadAsStringAsync());
        var release = await http.PostAsync(host.BaseUrl + $"/api/review?window={queue.GetProperty("window").GetString()}&code={marketing}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["action"] = "release", ["id"] = item.GetProperty("id").GetString()! }));
        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        Assert.Contains("Released: it is a lead now", await release.Content.ReadAsStringAsync());

        // The integration's key opens its own path; without it the host refuses before the app runs.
        var unkeyed = await http.PostAsJsonAsync(host.BaseUrl + "/api/integrations/leads", WithoutHoneypot("zap@example.com"));
        Assert.Equal(HttpStatusCode.Unauthorized, unkeyed.StatusCode);
        var keyed = await http.PostAsJsonAsync(host.BaseUrl + $"/api/integrations/leads?code={zapier}", WithoutHoneypot("zap@example.com"));
        Assert.Equal(HttpStatusCode.Created, keyed.StatusCode);

        // Each key opens its own function only.
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(host.BaseUrl + $"/api/review?code={zapier}")).StatusCode);
        foreach (var key in new[] { marketing, zapier })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync(host.BaseUrl + $"/api/privacy/export?code={key}", new { email = "real.person@example.com" })).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync(host.BaseUrl + $"/api/privacy/erase?code={key}", new { email = "real.person@example.com" })).StatusCode);
        }

        // The host's default key opens every function-level route, the scorecard among them, but
        // erasing and exporting personal data are admin-level: the master key, never a shared one.
        var shared = Uri.EscapeDataString(host.DefaultHostKey);
        Assert.NotEqual("", shared);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(host.BaseUrl + $"/api/scorecard?code={shared}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync(host.BaseUrl + $"/api/privacy/export?code={shared}", new { email = "real.person@example.com" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync(host.BaseUrl + $"/api/privacy/erase?code={shared}", new { email = "real.person@example.com" })).StatusCode);

        // Both people are leads now: the export (admin's key) finds each.
        foreach (var email in new[] { "real.person@example.com", "zap@example.com" })
        {
            var export = await http.PostAsJsonAsync(host.BaseUrl + $"/api/privacy/export?code={host.MasterKey}", new { email });
            Assert.Equal(1, JsonDocument.Parse(await export.Content.ReadAsStringAsync()).RootElement.GetProperty("leads").GetArrayLength());
        }
        Assert.DoesNotContain("(Failed,", host.Output);
    }

    private static Dictionary<string, string> WithoutHoneypot(string email)
    {
        var fields = LeadRequests.Valid(email);
        fields.Remove("lh_trap");
        return fields;
    }
}
