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
/// Without that variable the header could be anyone's, so it is ignored. A person is who their
/// Entra tenant id and object id say, never an email claim (a user can often change those, and a
/// principal may list several): the tenant must be <c>StaffSignIn:TenantId</c> and the object id
/// one an admin recorded on the roster. An Entra app role (Admin, Manager, Marketing, Rep) decides
/// the role when the token carries one, else the roster does.
/// </summary>
public sealed class StaffSignIn(TeamRoster roster, IConfiguration configuration, IOptions<StaffSignInOptions> options)
{
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>The claim types App Service puts the tenant and the object id in.</summary>
    public const string TenantClaim = "http://schemas.microsoft.com/identity/claims/tenantid";
    public const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    public bool PlatformAuthentication => string.Equals(configuration["WEBSITE_AUTH_ENABLED"], "true", StringComparison.OrdinalIgnoreCase);

    public async Task<StaffMember?> WhoAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (PlatformAuthentication)
        {
            var principal = FromPrincipal(request.Headers[PrincipalHeader].ToString());
            // Another tenant, or no tenant configured: nobody of ours.
            if (principal is null || !Guid.TryParse(options.Value.TenantId, out var tenant) || principal.Tenant != tenant) return null;
            var team = await roster.RefreshAsync(cancellationToken);
            var member = team.Members.FirstOrDefault(m => m.Active && Guid.TryParse(m.ObjectId, out var id) && id == principal.ObjectId);
            return member is null ? null : Staff(member, principal.Roles);
        }
        // Locally only (DevelopmentSignInOnlyLocally refuses it elsewhere): the configured member by address.
        if (options.Value.DevelopmentUser is not { Length: > 0 } developer) return null;
        var local = (await roster.RefreshAsync(cancellationToken)).Members.FirstOrDefault(m => m.Active && string.Equals(m.Email.Trim(), developer.Trim(), StringComparison.OrdinalIgnoreCase));
        return local is null ? null : Staff(local, []);
    }

    private static StaffMember Staff(TeamMember member, IReadOnlyList<string> roles)
    {
        var granted = roles.Select(r => Enum.TryParse<TeamRole>(r, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : (TeamRole?)null).OfType<TeamRole>().ToHashSet();
        return new StaffMember(member.Email, member.Name, granted.Count > 0 ? granted : new HashSet<TeamRole> { member.Role }, member.Id, member.Language);
    }

    /// <summary>What the platform's principal says: base64 JSON with <c>claims[{typ, val}]</c>; null without a tenant and an object id.</summary>
    public static Principal? FromPrincipal(string header)
    {
        if (header.Length == 0) return null;
        try
        {
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header)));
            var claims = json.RootElement.GetProperty("claims").EnumerateArray()
                .Select(c => (Type: c.GetProperty("typ").GetString() ?? "", Value: c.GetProperty("val").GetString() ?? "")).ToList();
            // One of each, or the principal is not one person: refused.
            var tenants = claims.Where(c => c.Type is TenantClaim or "tid").Select(c => c.Value).Distinct().ToList();
            var objects = claims.Where(c => c.Type is ObjectIdClaim or "oid").Select(c => c.Value).Distinct().ToList();
            if (tenants.Count != 1 || objects.Count != 1 || !Guid.TryParse(tenants[0], out var tenant) || !Guid.TryParse(objects[0], out var objectId)) return null;
            var roles = claims.Where(c => c.Type is "roles" or "http://schemas.microsoft.com/ws/2008/06/identity/claims/role").Select(c => c.Value).ToArray();
            return new Principal(tenant, objectId, roles);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    public sealed record Principal(Guid Tenant, Guid ObjectId, IReadOnlyList<string> Roles);
}
