using LeadHandoff.Configuration;

namespace LeadHandoff.Functions.Staff;

/// <summary>
/// Staff sign-in. In Azure it is Microsoft Entra ID through App Service authentication (Bicep's
/// <c>authsettingsV2</c>), for the tenant <see cref="TenantId"/> (the template sets it to its own
/// tenant). Locally, <see cref="DevelopmentUser"/> signs every
/// staff page in as that roster member; the app refuses to start with it outside Development or
/// on an Azure instance (<see cref="DevelopmentSignInOnlyLocally"/>).
/// </summary>
public sealed class StaffSignInOptions : ISettings
{
    public const string SectionName = "StaffSignIn";

    /// <summary>A roster member's email, e.g. manager@example.com: local development only.</summary>
    public string DevelopmentUser { get; set; } = "";

    /// <summary>The Entra tenant whose people may sign in: only their principals are looked at.</summary>
    public string TenantId { get; set; } = "";

    public IEnumerable<string> Validate()
    {
        if (DevelopmentUser.Length > 0 && !Shared.EmailAddress.IsValid(DevelopmentUser.Trim().ToLowerInvariant()))
            yield return $"{SectionName}:DevelopmentUser must be the email address of a roster member.";
        if (TenantId.Length > 0 && !Guid.TryParse(TenantId, out _))
            yield return $"{SectionName}:TenantId must be the Entra tenant's id, a GUID.";
    }
}
