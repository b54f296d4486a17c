namespace LeadHandoff.Agreement;

/// <summary>The approval email's words in the approver's roster language, from <c>AgreementEmailText(.th).resx</c> beside it.</summary>
public sealed class AgreementEmailText : LocalizedText<AgreementEmailText>;
