namespace LeadHandoff.Leads;

/// <summary>Why a submission was kept from sales, in words a marketer reads without a glossary, from <c>Resources/Leads/FlagReasonText(.th).resx</c>.</summary>
public sealed class FlagReasonText : LocalizedText<FlagReasonText>
{
    public string Describe(string reason) => Has(reason) ? this[reason] : this["Other", reason];
}
