using System.ComponentModel.DataAnnotations;
using LeadHandoff.Configuration;

namespace LeadHandoff.Email;

/// <summary>How email leaves the app, and who the standing recipients are.</summary>
public sealed class EmailOptions : ISettings
{
    public const string SectionName = "Email";

    /// <summary>SendGrid API key (a Key Vault reference in Azure). Unset: messages go to the local outbox folder.</summary>
    public string? SendGridApiKey { get; set; }

    /// <summary>SendGrid API base URL; tests point it at a local fake.</summary>
    public string SendGridHost { get; set; } = "https://api.sendgrid.com";

    public string FromAddress { get; set; } = "";

    public string FromName { get; set; } = "LeadHandoff";

    /// <summary>Folder for the local outbox (.eml files).</summary>
    public string OutboxPath { get; set; } = "outbox";

    public string SalesManagerEmail { get; set; } = "";

    public string MarketingLeadEmail { get; set; } = "";

    /// <summary>Tries per message in one run for 429 and 5xx answers.</summary>
    [Range(1, 20, ErrorMessage = SettingMessages.Between)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Longest single wait between tries, whatever the provider asks.</summary>
    [Range(1, 600, ErrorMessage = SettingMessages.Between)]
    public int MaxBackoffSeconds { get; set; } = 60;

    /// <summary>A request slower than this counts as Unknown: it may have been accepted.</summary>
    [Range(1, 300, ErrorMessage = SettingMessages.Between)]
    public int TimeoutSeconds { get; set; } = 30;

    public bool UsesSendGrid => !string.IsNullOrWhiteSpace(SendGridApiKey);

    /// <summary>The longest one send can take with every try and wait: a Pending row younger than this is still in flight.</summary>
    public TimeSpan LongestSend => TimeSpan.FromSeconds(TimeoutSeconds * MaxAttempts + MaxBackoffSeconds * (MaxAttempts - 1));

    public IEnumerable<string> Validate()
    {
        if (!EmailAddress.IsValid(FromAddress.Trim().ToLowerInvariant()))
            yield return $"{SectionName}:FromAddress must be an email address.";
        if (!EmailAddress.IsValid(SalesManagerEmail.Trim().ToLowerInvariant()))
            yield return $"{SectionName}:SalesManagerEmail must be an email address.";
        if (!EmailAddress.IsValid(MarketingLeadEmail.Trim().ToLowerInvariant()))
            yield return $"{SectionName}:MarketingLeadEmail must be an email address.";
        if (!Uri.TryCreate(SendGridHost, UriKind.Absolute, out _))
            yield return $"{SectionName}:SendGridHost must be an absolute URL.";
    }
}
