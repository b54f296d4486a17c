using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using LeadHandoff.Configuration;

namespace LeadHandoff.Webhooks;

/// <summary>One receiver: where to post, which events, and the shared secret it verifies signatures with.</summary>
public sealed class WebhookSubscription
{
    /// <summary>Letters, digits and hyphens; names its partition and, in Azure, its Key Vault secret (<c>WebhookSecret-{Id}</c>).</summary>
    public string Id { get; set; } = "";

    /// <summary>https, to a public address (plain http and this machine only with <see cref="WebhookOptions.AllowLocalReceivers"/>).</summary>
    public string Url { get; set; } = "";

    /// <summary>Event types, e.g. <c>lead.decided</c>; empty means every type.</summary>
    public List<string> Events { get; set; } = [];

    /// <summary><c>whsec_</c> and base64 of at least 24 random bytes; in Azure a Key Vault reference.</summary>
    public string Secret { get; set; } = "";

    public bool Wants(string type) => Events.Count == 0 || Events.Contains(type, StringComparer.Ordinal);
}

/// <summary>Outbound webhooks (the Standard Webhooks specification): subscriptions and how delivery retries.</summary>
public sealed partial class WebhookOptions : ISettings
{
    public const string SectionName = "Webhooks";

    public List<WebhookSubscription> Subscriptions { get; set; } = [];

    /// <summary>
    /// Lets a subscription post over plain http to this machine or a private address: for a local
    /// receiver in development and tests only. The app refuses to start with it on App Service.
    /// </summary>
    public bool AllowLocalReceivers { get; set; }

    /// <summary>The wait after the first failure; each later one doubles, with jitter, up to <see cref="MaxRetryMinutes"/>.</summary>
    [Range(1, 3600, ErrorMessage = "{0} must be between {1} and {2} seconds.")]
    public int FirstRetrySeconds { get; set; } = 30;

    [Range(1, 1440, ErrorMessage = "{0} must be between {1} and {2} minutes.")]
    public int MaxRetryMinutes { get; set; } = 360;

    /// <summary>A subscription that has failed for this long without one success is disabled, and the alert fires.</summary>
    [Range(0.01, 30, ErrorMessage = "{0} must be between {1} and {2} days.")]
    public double DisableAfterDays { get; set; } = 3;

    [Range(1, 60, ErrorMessage = "{0} must be between {1} and {2} seconds.")]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>How long the delivery log and delivered events are kept; waiting events are kept until delivered.</summary>
    [Range(7, 3650, ErrorMessage = "{0} must be between {1} and {2} days.")]
    public int LogDays { get; set; } = 90;

    /// <summary>Deliveries per subscription per run; the rest wait for the next run.</summary>
    [Range(1, 5000, ErrorMessage = "{0} must be between {1} and {2}.")]
    public int MaxPerRun { get; set; } = 500;

    public IEnumerable<string> Validate()
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Subscriptions.Count; i++)
        {
            var s = Subscriptions[i];
            var name = $"{SectionName}:Subscriptions:{i}";
            if (!IdPattern().IsMatch(s.Id ?? ""))
                yield return $"{name}:Id '{s.Id}' must be 1–32 letters, digits or hyphens.";
            else if (!seen.Add(s.Id!))
                yield return $"{name}:Id '{s.Id}' is used by another subscription.";
            if (!Uri.TryCreate(s.Url, UriKind.Absolute, out var url) || !(url.Scheme == "https" || (url.Scheme == "http" && AllowLocalReceivers)))
                yield return $"{name}:Url must be an absolute https URL.";
            else if (!AllowLocalReceivers && ReceiverAddress.IsLocalHost(url))
                yield return $"{name}:Url must not point at this machine or a private, loopback or link-local address ({url.IdnHost}).";
            foreach (var type in s.Events.Where(t => !WebhookEventTypes.All.Contains(t, StringComparer.Ordinal)))
                yield return $"{name}:Events names '{type}', which is not one of {string.Join(", ", WebhookEventTypes.All)}.";
            if (!IsSecret(s.Secret))
                yield return $"{name}:Secret must be 'whsec_' followed by base64 of at least 24 bytes (scripts/ensure-signing-keys.sh makes one in Key Vault).";
        }
    }

    private static bool IsSecret(string? secret)
    {
        if (secret is null || !secret.StartsWith("whsec_", StringComparison.Ordinal)) return false;
        var buffer = new byte[secret.Length];
        return Convert.TryFromBase64String(secret["whsec_".Length..], buffer, out var bytes) && bytes >= 24;
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,32}$")]
    private static partial Regex IdPattern();
}
