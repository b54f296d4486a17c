namespace LeadHandoff.Leads;

/// <summary>The default reject reasons' words, keyed by reason id, from <c>RejectReasonText(.th).resx</c> beside it.</summary>
public sealed class RejectReasonText : LocalizedText<RejectReasonText>;
