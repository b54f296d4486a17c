using LeadHandoff.Leads;

namespace LeadHandoff.Functions.Qualification;

/// <summary>
/// The words of the pages a rep decides leads on (one lead, the batch) in the rep's language,
/// from <c>RepPageText(.th).resx</c> beside it: the same language as the rep's email.
/// </summary>
public sealed class RepPageText : LocalizedText<RepPageText>
{
    public string Label(Decision decision) => this[decision switch
    {
        Decision.Accepted => "AcceptedLabel",
        Decision.Rejected => "RejectedLabel",
        _ => "NurtureLabel",
    }];
}
