using LeadHandoff.Leads;

namespace LeadHandoff.OwnerEmail;

/// <summary>A lead as it goes out in a batch: the lead, the same person's lead from an earlier window if any, and its qualify link.</summary>
public sealed record BatchLead(Lead Lead, Lead? Earlier, string QualifyUrl)
{
    public string SeenBefore => Earlier is null ? "" : $"{Earlier.WindowId} ({Outcome(Earlier)})";

    public static string Outcome(Lead lead) => lead.Decision?.Decision switch
    {
        null => "undecided",
        Decision.Accepted => "accepted",
        Decision.Rejected => "rejected",
        _ => "returned to nurture",
    };
}
