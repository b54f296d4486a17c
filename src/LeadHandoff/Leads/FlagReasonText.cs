namespace LeadHandoff.Leads;

/// <summary>Why a submission was kept from sales, in words a marketer reads without a glossary, from <c>FlagReasonText(.th).resx</c> beside it.</summary>
public sealed class FlagReasonText : LocalizedText<FlagReasonText>
{
    public string Describe(string reason) => Has(reason) ? this[reason] : this["Other", reason];
}
