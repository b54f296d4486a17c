namespace LeadHandoff.Leads;

/// <summary>What a person told us on the form, normalised and validated.</summary>
public sealed record LeadDetails(
    string Name,
    string Email,
    string Company,
    string JobTitle,
    string? Phone,
    string Message,
    Segment Segment,
    MarketingSource Source,
    Consent Consent);

/// <summary>How sales asked for leads to be split.</summary>
public sealed record Segment(string Sector, string SizeBand);

/// <summary>Which offer and campaign brought the lead in.</summary>
public sealed record MarketingSource(
    string Offer,
    string? UtmSource = null,
    string? UtmMedium = null,
    string? UtmCampaign = null,
    string? UtmTerm = null,
    string? UtmContent = null,
    string? PageUrl = null,
    string? Referrer = null)
{
    /// <summary>Where the lead came from in one line, as a rep reads it: "demo-request / spring-launch / linkedin".</summary>
    public string Line => string.Join(" / ", new[] { Offer, UtmCampaign, UtmSource }.Where(s => !string.IsNullOrEmpty(s)));
}

/// <summary>What the person agreed to, and under which version of the consent text.</summary>
public sealed record Consent(bool Given, string? TextVersion);
