namespace LeadHandoff.Leads;

/// <summary>The default reject reasons' words, keyed by reason id, from <c>Resources/Qualification/RejectReasonText(.th).resx</c>.</summary>
public sealed class RejectReasonText : LocalizedText<RejectReasonText>;
