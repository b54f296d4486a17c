using System.Net;
using System.Text;
using System.Text.Json;

namespace LeadHandoff.EndToEnd.Tests;

/// <summary>
/// Staff sign-in and its guards under the real host, with App Service authentication on
/// (<c>WEBSITE_AUTH_ENABLED</c>) and the platform's principal header as it would arrive: an admin's
/// object id recorded through the keyed roster route, an email claim that opens nothing, and a
/// roster change that another site posts, or that lacks the page's antiforgery token, refused while
/// the same change from the app's page is made.
/// </summary>
[Trait("Category", "Host")]
public sealed class StaffUnderHostTests : IAsyncLifetime
{
    private const string Tenant = "6e1f6d2a-59c1-4a43-9a2f-0c6c3b1d2e4f";
    private const string AdminObjectId = "0b0b5a1e-1d2c-4e3f-8a9b-7c6d5e4f3a2b";
    private Azurite _storage = null!;

    public async Task InitializeAsync() => _storage = await Azurite.StartAsync(tableOnly: false);

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    private static string Principal(string email, string objectId) => Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
    {
        auth_typ = "aad",
        claims = new[]
        {
            new { typ = "preferred_username", val = email },
            new { typ = "http://schemas.microsoft.com/identity/claims/tenantid", val = Tenant },
            new { typ = "http://schemas.microsoft.com/identity/claims/objectidentifier", val = objectId },
        },
        name_typ = "name",
        role_typ = "roles",
    })));

    [Fact]
    public async Task A_cross_site_roster_change_is_refused_and_an_email_claim_opens_nothing_under_the_real_host()
    {
        var settings = TestSettings.For(_storage.ConnectionString);
        TestSettings.TimersOff(settings);
        settings["WEBSITE_AUTH_ENABLED"] = "true";
        settings["StaffSignIn:TenantId"] = Tenant;
        await using var host = await FuncHost.StartAsync(settings, _storage.ConnectionString);
        var http = FuncHost.Http;
        var key = Uri.EscapeDataString(await host.CreateFunctionKeyAsync("TeamAdmin", "admins"));
        async Task<bool> HasEveAsync() => (await http.GetStringAsync(host.BaseUrl + $"/api/team/roster?format=json&code={key}")).Contains("eve@evil.example", StringComparison.Ordinal);

        // The first admin's object id goes in through the keyed route, as docs/deploy.md says.
        var recorded = await http.PostAsync(host.BaseUrl + $"/api/team/roster?format=json&code={key}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["action"] = "save-member", ["id"] = "adm-1", ["name"] = "Ada Admin", ["email"] = "admin@example.com", ["role"] = "Admin", ["language"] = "en", ["active"] = "on", ["objectId"] = AdminObjectId,
        }));
        Assert.True(recorded.IsSuccessStatusCode, $"recording the admin's object id: {(int)recorded.StatusCode} {await recorded.Content.ReadAsStringAsync()}");

        // The admin's browser: it keeps the cookies our pages set, and sends them back to us, whoever made the form.
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
        async Task<(HttpStatusCode Status, string Body)> StaffAsync(HttpMethod method, string principal, string? origin, string? token = null)
        {
            using var request = new HttpRequestMessage(method, host.BaseUrl + "/api/staff/roster");
            request.Headers.Add("X-MS-CLIENT-PRINCIPAL", principal);
            if (origin is not null) request.Headers.Add("Origin", origin);
            if (method == HttpMethod.Post)
            {
                var form = new Dictionary<string, string>
                {
                    ["action"] = "save-member", ["id"] = "evil-1", ["name"] = "Eve", ["email"] = "eve@evil.example", ["role"] = "Admin", ["language"] = "en",
                };
                if (token is not null) form["lh_form_token"] = token;
                request.Content = new FormUrlEncodedContent(form);
            }
            using var response = await browser.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        var admin = Principal("admin@example.com", AdminObjectId);

        // The admin's address in the email claim, on an object id of someone else's: not the admin.
        Assert.Equal(HttpStatusCode.Unauthorized, (await StaffAsync(HttpMethod.Get, Principal("admin@example.com", Guid.NewGuid().ToString()), null)).Status);
        var page = await StaffAsync(HttpMethod.Get, Principal("someone@else.example", AdminObjectId), null);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var token = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page.Body, "name=\"lh_form_token\" value=\"([^\"]+)\"").Groups[1].Value);
        Assert.NotEmpty(token);

        // Another site's form, posted in the signed-in admin's browser (with the page's cookie): refused, nobody added.
        Assert.Equal(HttpStatusCode.Forbidden, (await StaffAsync(HttpMethod.Post, admin, "https://evil.example")).Status);
        Assert.False(await HasEveAsync());

        // From the app's own origin but without the page's token (a page that another tab of the site could not have shown): refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await StaffAsync(HttpMethod.Post, admin, "https://leadhandoff.example.net")).Status);
        Assert.False(await HasEveAsync());

        // The same change from the app's own page, with its token, is made.
        Assert.True((int)(await StaffAsync(HttpMethod.Post, admin, "https://leadhandoff.example.net", token)).Status is >= 200 and < 400);
        Assert.True(await HasEveAsync());
        Assert.Contains("A change to the staff page 'roster' was posted from another site and refused", host.Output, StringComparison.Ordinal);
        Assert.Contains("A change to the staff page 'roster' came without the form's token", host.Output, StringComparison.Ordinal);
    }
}
