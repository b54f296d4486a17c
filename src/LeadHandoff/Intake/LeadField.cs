namespace LeadHandoff.Intake;

/// <summary>A form field the intake reads: its wire name, the label errors use, and its limits.</summary>
public sealed record LeadField(string Name, string Label, int MaxLength, bool Multiline = false);

/// <summary>The fields a form or fetch call may send. Anything else is ignored.</summary>
public static class LeadFields
{
    public static readonly LeadField Name = new("name", "Name", 200);
    public static readonly LeadField Email = new("email", "Email", 254);
    public static readonly LeadField Company = new("company", "Company", 200);
    public static readonly LeadField JobTitle = new("job_title", "Job title", 200);
    public static readonly LeadField Phone = new("phone", "Phone", 40);
    public static readonly LeadField Message = new("message", "Message", 4000, Multiline: true);
    public static readonly LeadField Sector = new("sector", "Sector", 100);
    public static readonly LeadField CompanySize = new("company_size", "Company size", 20);
    public static readonly LeadField Offer = new("offer", "Offer", 200);
    public static readonly LeadField Consent = new("consent", "Consent", 10);
    public static readonly LeadField ConsentVersion = new("consent_version", "Consent version", 50);
    public static readonly LeadField UtmSource = new("utm_source", "utm_source", 200);
    public static readonly LeadField UtmMedium = new("utm_medium", "utm_medium", 200);
    public static readonly LeadField UtmCampaign = new("utm_campaign", "utm_campaign", 200);
    public static readonly LeadField UtmTerm = new("utm_term", "utm_term", 200);
    public static readonly LeadField UtmContent = new("utm_content", "utm_content", 200);
    public static readonly LeadField PageUrl = new("page_url", "Page URL", 2000);
    public static readonly LeadField Referrer = new("referrer", "Referrer", 2000);
    public static readonly LeadField Redirect = new("redirect", "Redirect", 2000);
    public static readonly LeadField TurnstileToken = new("cf-turnstile-response", "Turnstile response", 4096);
    /// <summary>The form's language (<c>en</c>, <c>th</c>): what the person is answered in.</summary>
    public static readonly LeadField Language = new("lang", "Language", 35);
    /// <summary>The signed instant the form was shown (<c>GET /api/form-stamp</c>): how fast it was filled.</summary>
    public static readonly LeadField Stamp = new("lh_stamp", "Form stamp", 400);

    /// <summary>A form with more fields than this is refused whole: no real form needs it.</summary>
    public const int MaxFieldCount = 50;

    /// <summary>Largest body read, in bytes. Larger bodies get 413 without being read.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static IReadOnlyList<LeadField> All { get; } =
    [
        Name, Email, Company, JobTitle, Phone, Message, Sector, CompanySize, Offer, Consent, ConsentVersion,
        UtmSource, UtmMedium, UtmCampaign, UtmTerm, UtmContent, PageUrl, Referrer, Redirect, TurnstileToken, Language, Stamp,
    ];

    public static IReadOnlySet<string> Names { get; } = All.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
}
