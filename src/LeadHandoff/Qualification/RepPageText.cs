using LeadHandoff.Leads;

namespace LeadHandoff.Qualification;

/// <summary>
/// The words of the pages a rep decides leads on (one lead, the batch) in the rep's language,
/// from <c>Resources/Html/Pages/RepPageText(.th).resx</c>: the same language as the rep's email.
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
