using LeadHandoff.Leads;

namespace LeadHandoff.Qualification;

/// <summary>What a rep posted.</summary>
public sealed record DecisionRequest(Decision Decision, string? Reason, string? Note);
