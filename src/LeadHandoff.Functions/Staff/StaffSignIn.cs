using System.Text;
using System.Text.Json;
using LeadHandoff.Team;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Functions.Staff;

/// <summary>A signed-in member of staff: who, and the roles they act in.</summary>
public sealed record StaffMember(string Email, string Name, IReadOnlySet<TeamRole> Roles, string MemberId, string Language = "en")
{
    /// <summary>Admins may do everything a page allows anyone.</summary>
    public bool Is(params TeamRole[] any) => Roles.Contains(TeamRole.Admin) || any.Any(Roles.Contains);
}

/// <summary>
/// Who is signed in, from the platform's client-principal header, trusted only where the platform
/// itself sets it. App Service authentication strips any <c>X-MS-CLIENT-PRINCIPAL*</c> header a
/// caller sends and injects its own, and tells the app it is on by the read-only
/// <c>WEBSITE_AUTH_ENABLED</c> variable (Microsoft Learn: "Work with user identities in Azure App
/// Service authentication" and "Environment variables and app settings in Azure App Service").
/// Without that variable the header could be anyone's, so it is ignored. The person must be on the
/// roster; an Entra app role (Admin, Manager, Marketing, Rep) decides the role when the token
/// carries one, else the roster does.
/// </summary>
public sealed class StaffSignIn(TeamRoster roster, IConfiguration configuration, IOptions<StaffSignInOptions> options)
{
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";

    public bool PlatformAuthentication => string.Equals(configuration["WEBSITE_AUTH_ENABLED"], "true", StringComparison.OrdinalIgnoreCase);

    public async Task<StaffMember?> WhoAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (email, roles) = PlatformAuthentication ? FromPrincipal(request.Headers[PrincipalHeader].ToString())
            : options.Value.DevelopmentUser is { Length: > 0 } developer ? (developer.Trim(), Array.Empty<string>())
            : (null, []);
        if (email is null) return null;
        var team = await roster.RefreshAsync(cancellationToken);
        var member = team.Members.FirstOrDefault(m => m.Active && string.Equals(m.Email.Trim(), email, StringComparison.OrdinalIgnoreCase));
        if (member is null) return null; // signed in to the tenant, but not on the team
        var granted = roles.Select(r => Enum.TryParse<TeamRole>(r, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : (TeamRole?)null).OfType<TeamRole>().ToHashSet();
        return new StaffMember(member.Email, member.Name, granted.Count > 0 ? granted : new HashSet<TeamRole> { member.Role }, member.Id, member.Language);
    }

    /// <summary>The email and app roles in the platform's principal: base64 JSON with <c>claims[{typ, val}]</c>.</summary>
    public static (string? Email, string[] Roles) FromPrincipal(string header)
    {
        if (header.Length == 0) return (null, []);
        try
        {
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header)));
            var claims = json.RootElement.GetProperty("claims").EnumerateArray()
                .Select(c => (Type: c.GetProperty("typ").GetString() ?? "", Value: c.GetProperty("val").GetString() ?? "")).ToList();
            var email = claims.FirstOrDefault(c => c.Type is "preferred_username" or "email" or "emails" or "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress" or "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn").Value;
            var roles = claims.Where(c => c.Type is "roles" or "http://schemas.microsoft.com/ws/2008/06/identity/claims/role").Select(c => c.Value).ToArray();
            return (string.IsNullOrWhiteSpace(email) ? null : email.Trim(), roles);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (null, []);
        }
    }
}
