namespace LeadHandoff.OwnerEmail;

/// <summary>
/// The words of a rep's lead email and reminder in the rep's language (the roster's
/// <c>Language</c>), from <c>OwnerEmailText(.th).resx</c> beside it.
/// </summary>
public sealed class OwnerEmailText : LocalizedText<OwnerEmailText>
{
    public string Outcome(LeadHandoff.Leads.Lead lead) => this[lead.Decision?.Decision switch
    {
        null => "Undecided",
        LeadHandoff.Leads.Decision.Accepted => "Accepted",
        LeadHandoff.Leads.Decision.Rejected => "Rejected",
        _ => "Nurture",
    }];
}
