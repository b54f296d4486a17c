using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LeadHandoff.Testing;
using LeadHandoff.Tests.Infrastructure;

namespace LeadHandoff.Benchmarks;

/// <summary>
/// The attacks of issue #28, replayed as an outsider would against the real Functions host (the
/// stand-in for <c>func start</c>) on Azurite with the fake SendGrid, each reported with the figure
/// seen: <c>--only attacks</c>. Platform authentication is on (<c>WEBSITE_AUTH_ENABLED</c>), as in
/// Azure, and the principal header is the platform's as it would arrive.
/// </summary>
public static class Attacks
{
    private const string Tenant = "6e1f6d2a-59c1-4a43-9a2f-0c6c3b1d2e4f";
    private const string AdminObjectId = "0b0b5a1e-1d2c-4e3f-8a9b-7c6d5e4f3a2b";
    private const string OwnOrigin = "https://leadhandoff.example.net";

    public static async Task<List<string>> RunAsync()
    {
        var lines = new List<string>();
        void Say(string line)
        {
            lines.Add(line);
            Console.WriteLine(line);
        }
        await using var storage = await Azurite.StartAsync(tableOnly: false);
        await using var sendGrid = new FakeSendGrid(TimeProvider.System);
        var settings = TestSettings.For(storage.ConnectionString);
        TestSettings.TimersOff(settings);
        TestSettings.UseSendGrid(settings, sendGrid);
        settings["WEBSITE_AUTH_ENABLED"] = "true";
        settings["StaffSignIn:TenantId"] = Tenant;
        // The per-address guarantees are measured, not the per-client rate limit (which would stop a flood from one address sooner).
        settings["Intake:RateLimitPermits"] = "1000000";
        await using var host = await FuncHost.StartAsync(settings, storage.ConnectionString);
        var http = FuncHost.Http;
        var rosterKey = Uri.EscapeDataString(await host.CreateFunctionKeyAsync("TeamAdmin", "bench"));
        var reviewKey = Uri.EscapeDataString(await host.CreateFunctionKeyAsync("ReviewQueue", "bench"));
        async Task<int> AdminsAsync() => Regex.Matches(await http.GetStringAsync($"{host.BaseUrl}/api/team/roster?format=json&code={rosterKey}"), "\"role\":\"admin\"").Count;
        (await http.PostAsync($"{host.BaseUrl}/api/team/roster?format=json&code={rosterKey}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["action"] = "save-member", ["id"] = "adm-1", ["name"] = "Ada Admin", ["email"] = "admin@example.com", ["role"] = "Admin", ["language"] = "en", ["active"] = "on", ["objectId"] = AdminObjectId,
        }))).EnsureSuccessStatusCode();

        // 1. A cross-site form in a signed-in admin's browser.
        var jar = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = jar });
        async Task<(int Status, string Body)> StaffAsync(HttpMethod method, string principal, string? origin, string? token = null, string? fetchSite = null)
        {
            using var request = new HttpRequestMessage(method, host.BaseUrl + "/api/staff/roster");
            request.Headers.Add("X-MS-CLIENT-PRINCIPAL", principal);
            if (origin is not null) request.Headers.Add("Origin", origin);
            if (fetchSite is not null) request.Headers.Add("Sec-Fetch-Site", fetchSite);
            if (method == HttpMethod.Post)
            {
                var form = new Dictionary<string, string> { ["action"] = "save-member", ["id"] = "evil-1", ["name"] = "Eve", ["email"] = "eve@evil.example", ["role"] = "Admin", ["language"] = "en", ["active"] = "on" };
                if (token is not null) form["lh_form_token"] = token;
                request.Content = new FormUrlEncodedContent(form);
            }
            using var response = await browser.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        var admin = Principal("admin@example.com", AdminObjectId);
        var page = await StaffAsync(HttpMethod.Get, admin, null);
        var token = WebUtility.HtmlDecode(Regex.Match(page.Body, "name=\"lh_form_token\" value=\"([^\"]+)\"").Groups[1].Value);
        Say("### 1. A form another site posts in a signed-in admin's browser (`POST /api/staff/roster`, adding an admin)");
        Say("");
        Say("| request | answer | admins afterwards |");
        Say("|---|---|---|");
        Say($"| before anything | | {await AdminsAsync()} |");
        Say($"| `Origin: https://evil.example`, `Sec-Fetch-Site: cross-site`, with the admin's cookie | {(await StaffAsync(HttpMethod.Post, admin, "https://evil.example", fetchSite: "cross-site")).Status} | {await AdminsAsync()} |");
        Say($"| no `Origin`, `Sec-Fetch-Site: cross-site` | {(await StaffAsync(HttpMethod.Post, admin, null, fetchSite: "cross-site")).Status} | {await AdminsAsync()} |");
        Say($"| the app's own `Origin`, without the page's token | {(await StaffAsync(HttpMethod.Post, admin, OwnOrigin)).Status} | {await AdminsAsync()} |");
        Say($"| the app's own `Origin`, the cookie's value as the token | {(await StaffAsync(HttpMethod.Post, admin, OwnOrigin, token: jar.GetCookies(new Uri(host.BaseUrl))["lh-staff-form"]?.Value ?? "")).Status} | {await AdminsAsync()} |");
        Say($"| the app's own page: its `Origin` and its token | {(await StaffAsync(HttpMethod.Post, admin, OwnOrigin, token)).Status} | {await AdminsAsync()} |");
        Say("");

        // 2. Identity from an email claim.
        Say("### 2. A principal that carries the admin's address on another object id");
        Say("");
        Say($"`GET /api/staff/roster` with the admin's address as `email` and `preferred_username`, our tenant, another object id: **{(await StaffAsync(HttpMethod.Get, Principal("admin@example.com", Guid.NewGuid().ToString()), null)).Status}**; " +
            $"the admin's object id under any address: **{(await StaffAsync(HttpMethod.Get, Principal("someone@else.example", AdminObjectId), null)).Status}**; " +
            $"the admin's object id from another tenant: **{(await StaffAsync(HttpMethod.Get, Principal("admin@example.com", AdminObjectId, Guid.NewGuid().ToString()), null)).Status}**.");
        Say("");

        // 3. The withdrawal endpoint: a flood, and the answer's time.
        for (var i = 0; i < 100; i++)
            (await http.PostAsync($"{host.BaseUrl}/api/leads", JsonContent.Create(LeadRequests.Valid($"held{i}@buyer.example", $"Held Person {i}")))).EnsureSuccessStatusCode();
        async Task<(int Status, double Ms, string Body)> WithdrawAsync(string email)
        {
            var watch = Stopwatch.StartNew();
            using var response = await http.PostAsync($"{host.BaseUrl}/api/privacy/withdraw", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = email }));
            var body = await response.Content.ReadAsStringAsync();
            return ((int)response.StatusCode, watch.Elapsed.TotalMilliseconds, body);
        }
        var flood = new List<int>();
        for (var i = 0; i < 10; i++) flood.Add((await WithdrawAsync("held0@buyer.example")).Status);
        var unknownAnswer = await WithdrawAsync("nobody@nowhere.example");
        var heldAnswer = await WithdrawAsync("held1@buyer.example");
        if (!await host.RunAsync("SendWithdrawalEmails")) throw new InvalidOperationException("the withdrawal sweep failed");
        var afterFirst = sendGrid.To("held0@buyer.example").Count;
        for (var i = 0; i < 10; i++) await WithdrawAsync("held0@buyer.example");
        if (!await host.RunAsync("SendWithdrawalEmails")) throw new InvalidOperationException("the withdrawal sweep failed");
        Say("### 3. The anonymous withdrawal form");
        Say("");
        Say($"- Flood: 10 requests for one held address answered {string.Join(", ", flood.Distinct())}; the sweep sent it **{afterFirst}** email; 10 more requests and another sweep the same day: **{sendGrid.To("held0@buyer.example").Count}** in all. An address we do not hold got **{sendGrid.To("nobody@nowhere.example").Count}**.");
        Say($"- The answer for a held and an unknown address: {heldAnswer.Status} and {unknownAnswer.Status}, bodies {(heldAnswer.Body == unknownAnswer.Body ? "byte for byte the same" : "different")}.");
        for (var i = 0; i < 20; i++) await WithdrawAsync($"warm-up{i}@nowhere.example");
        var held = new List<double>();
        var unknown = new List<double>();
        for (var i = 2; i < 102; i++)
        {
            held.Add((await WithdrawAsync($"held{i % 100}@buyer.example")).Ms);
            unknown.Add((await WithdrawAsync($"unknown{i}@nowhere.example")).Ms);
        }
        var gap = Math.Abs(Stats.Median(held) - Stats.Median(unknown));
        Say($"- Time over HTTP through the host, 100 held and 100 unknown addresses interleaved after 20 warm-up requests: held {Stats.Spread(held, "ms")}; unknown {Stats.Spread(unknown, "ms")}; **gap between the medians {gap.ToString("0.00", CultureInfo.InvariantCulture)} ms** (goal < 1 ms: {(gap < 1 ? "met" : "not met")}).");
        Say("");

        // 4. Look-alike text, and 5. machine-speed forms.
        async Task<int> LeadAsync(Dictionary<string, string> fields) => (int)(await http.PostAsync($"{host.BaseUrl}/api/leads", JsonContent.Create(fields))).StatusCode;
        var zeroWidth = LeadRequests.Valid("ad\u200Ba@example.com", "Zero Width");
        var cyrillicDomain = LeadRequests.Valid("buyer@ex\u0430mple.com", "Cyrillic Domain");
        var mixedCompany = LeadRequests.Valid("paypal-buyer@example.com", "Mixed Company");
        mixedCompany["company"] = "P\u0430yP\u0430l";
        var thaiLatin = LeadRequests.Valid("somchai@example.co.th", "สมชาย ใจดี");
        thaiLatin["company"] = "บริษัท ABC จำกัด";
        var answers = new[] { await LeadAsync(zeroWidth), await LeadAsync(cyrillicDomain), await LeadAsync(mixedCompany), await LeadAsync(thaiLatin) };
        var stamp = JsonDocument.Parse(await http.GetStringAsync($"{host.BaseUrl}/api/form-stamp")).RootElement.GetProperty("stamp").GetString()!;
        var fast = LeadRequests.Valid("fast@machine.example", "Fast Machine");
        fast["lh_stamp"] = stamp;
        var fastAnswer = await LeadAsync(fast);
        var forged = LeadRequests.Valid("forged@machine.example", "Forged Stamp");
        forged["lh_stamp"] = "k1.AAAA.BBBB";
        var forgedAnswer = await LeadAsync(forged);
        var unstamped = await LeadAsync(LeadRequests.Valid("unstamped@machine.example", "No Stamp"));
        var review = await http.GetStringAsync($"{host.BaseUrl}/api/review?format=json&code={reviewKey}");
        string Held(string email)
        {
            using var json = JsonDocument.Parse(review);
            var item = json.RootElement.GetProperty("submissions").EnumerateArray().FirstOrDefault(s => s.GetRawText().Contains(JsonSerializer.Serialize(email)[1..^1], StringComparison.Ordinal));
            return item.ValueKind == JsonValueKind.Undefined ? "not held (a lead)" : $"held for review: \"{item.GetProperty("reasonText").GetString()}\"";
        }
        Say("### 4. Look-alike text (`POST /api/leads`, JSON)");
        Say("");
        Say("| sample | answer | where it went |");
        Say("|---|---|---|");
        Say($"| zero-width space in the address's local part | {answers[0]} | refused, nothing stored |");
        Say($"| Cyrillic `а` in a Latin domain | {answers[1]} | {Held("buyer@ex\u0430mple.com")} |");
        Say($"| company `PаyPаl` with Cyrillic `а` | {answers[2]} | {Held("paypal-buyer@example.com")} |");
        Say($"| Thai with Latin, `บริษัท ABC จำกัด` | {answers[3]} | {Held("somchai@example.co.th")} |");
        Say("");
        Say("### 5. Machine-speed forms (default settings: Turnstile off, `Intake:MinimumFillSeconds` 3, `Intake:RequireStamp` off)");
        Say("");
        Say("| request | answer | where it went |");
        Say("|---|---|---|");
        Say($"| a fresh stamp from `GET /api/form-stamp`, posted at once | {fastAnswer} | {Held("fast@machine.example")} |");
        Say($"| a stamp the app did not issue | {forgedAnswer} | {Held("forged@machine.example")} |");
        Say($"| no stamp (integrations post so; `Intake:RequireStamp=true` holds these too) | {unstamped} | {Held("unstamped@machine.example")} |");
        return lines;
    }

    private static string Principal(string email, string objectId, string tenant = Tenant) => Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
    {
        auth_typ = "aad",
        claims = new[]
        {
            new { typ = "email", val = email },
            new { typ = "preferred_username", val = email },
            new { typ = "http://schemas.microsoft.com/identity/claims/tenantid", val = tenant },
            new { typ = "http://schemas.microsoft.com/identity/claims/objectidentifier", val = objectId },
        },
        name_typ = "name",
        role_typ = "roles",
    })));
}
