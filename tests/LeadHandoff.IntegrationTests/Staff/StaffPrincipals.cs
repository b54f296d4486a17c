using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LeadHandoff.Functions.Staff;
using LeadHandoff.Testing;
using LeadHandoff.Team;
using LeadHandoff.Tests.Batches;
using LeadHandoff.Tests.Infrastructure;

namespace LeadHandoff.Tests.Staff;

/// <summary>Principals as App Service injects them for Entra users of our tenant, and a roster that knows each member by object id.</summary>
internal static class StaffPrincipals
{
    public const string Tenant = "6e1f6d2a-59c1-4a43-9a2f-0c6c3b1d2e4f";

    /// <summary>A stable object id per address, for tests: in Entra it is assigned, not derived.</summary>
    public static string Oid(string email) => new Guid(MD5.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant()))).ToString();

    /// <summary>The header for an Entra user: the address as their preferred_username, our tenant, and their object id.</summary>
    public static string Principal(string email, params string[] roles) =>
        Header([("preferred_username", email), ("name", "Someone"), (StaffSignIn.TenantClaim, Tenant), (StaffSignIn.ObjectIdClaim, Oid(email)), .. roles.Select(r => ("roles", r))]);

    public static string Header(IEnumerable<(string Type, string Value)> claims) => Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
    {
        auth_typ = "aad",
        claims = claims.Select(c => new { typ = c.Type, val = c.Value }),
        name_typ = "name",
        role_typ = "roles",
    })));

    /// <summary>One lead sent in Monday's batch, and the other rep it can be moved to: what the manager's week tests act on.</summary>
    public static async Task<(Leads.Lead Lead, string OtherRep)> OneSentLeadAsync(BatchScenario week)
    {
        await week.AddLeadAsync("one@example.com", "One Ltd");
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));
        await week.RunBatchAsync();
        var lead = Assert.Single(await week.App.LeadsAsync());
        return (lead, lead.OwnerId == "rep-1" ? "rep-2" : "rep-1");
    }

    /// <summary>
    /// What a member's browser holds after opening a staff page: the antiforgery cookie the page set
    /// and the token its forms carry, read from the page as a browser would.
    /// </summary>
    public static Task<StaffForm> OpenFormAsync(TestApp app, string page, string who, string query = "") => OpenFormAsPrincipalAsync(app, page, Principal(who), query);

    /// <inheritdoc cref="OpenFormAsync"/>
    public static async Task<StaffForm> OpenFormAsPrincipalAsync(TestApp app, string page, string principal, string query = "")
    {
        var opened = await app.SendAsync(new TestRequest("GET", null, []) { Target = "/api/staff/" + page + query, Headers = new(StringComparer.OrdinalIgnoreCase) { [StaffSignIn.PrincipalHeader] = principal } },
            http => app.Function<LeadHandoff.Functions.StaffHome.StaffPages>().Run(http, page, CancellationToken.None));
        Assert.Equal(200, opened.Status);
        var cookie = (opened.Header("Set-Cookie") ?? "").Split(';')[0];
        var token = System.Text.RegularExpressions.Regex.Match(opened.Body, "name=\"" + StaffForms.FieldName + "\" value=\"([^\"]+)\"");
        // A page with no form on it (an empty queue) carries no token: the post then has none.
        return new StaffForm(cookie, token.Success ? System.Net.WebUtility.HtmlDecode(token.Groups[1].Value) : "");
    }

    /// <param name="Cookie">name=value, as the browser sends it back.</param>
    public sealed record StaffForm(string Cookie, string Token)
    {
        public Dictionary<string, string> With(Dictionary<string, string> form) => new(form) { [StaffForms.FieldName] = Token };
    }

    /// <summary>Every member on the roster known by the object id <see cref="Oid"/> gives their address.</summary>
    public static async Task BindEveryoneAsync(BatchScenario week)
    {
        var admin = week.App.Get<TeamAdminService>();
        foreach (var member in (await admin.CurrentAsync(CancellationToken.None)).Members)
            Assert.Equal(0, (await admin.SaveMemberAsync(member with { ObjectId = Oid(member.Email) }, CancellationToken.None)).Count);
    }
}
