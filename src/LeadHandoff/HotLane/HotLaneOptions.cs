using System.ComponentModel.DataAnnotations;
using LeadHandoff.Configuration;

namespace LeadHandoff.HotLane;

/// <summary>
/// Offers that cannot wait for Monday (a demo request): routed and emailed to their owner as they
/// arrive, with a deadline counted in business hours (<c>Sla:BusinessDayStart</c>–<c>End</c>).
/// </summary>
public sealed class HotLaneOptions : ISettings
{
    public const string SectionName = "HotLane";

    /// <summary>Offer ids that are hot, e.g. <c>demo-request</c>. Empty: no hot lane.</summary>
    public List<string> Offers { get; set; } = [];

    /// <summary>Business hours the owner has to decide a hot lead.</summary>
    [Range(0.25, 80, ErrorMessage = "{0} must be between {1} and {2} business hours.")]
    public double DeadlineBusinessHours { get; set; } = 4;

    /// <summary>How long the form's own request may spend handing a hot lead over before leaving it to the sweep.</summary>
    [Range(1, 30, ErrorMessage = "{0} must be between {1} and {2} seconds.")]
    public int InlineSeconds { get; set; } = 5;

    public bool IsHot(string offer) => Offers.Any(o => string.Equals(o.Trim(), offer, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<string> Validate()
    {
        for (var i = 0; i < Offers.Count; i++)
            if (string.IsNullOrWhiteSpace(Offers[i])) yield return $"{SectionName}:Offers:{i} is empty: name an offer id such as 'demo-request'.";
    }
}
