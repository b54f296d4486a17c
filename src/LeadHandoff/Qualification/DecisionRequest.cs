using LeadHandoff.Leads;

namespace LeadHandoff.Qualification;

/// <summary>What a rep posted; <paramref name="UserAgent"/> is the browser it came from, for the audit only.</summary>
public sealed record DecisionRequest(Decision Decision, string? Reason, string? Note, string? UserAgent = null)
{
    /// <summary>How much of a User-Agent the audit keeps: enough to tell a phone from a mail scanner.</summary>
    public const int MaxUserAgentLength = 512;
}
