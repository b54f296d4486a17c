using LeadHandoff.Leads;

namespace LeadHandoff.Batches;

/// <summary>A lead as it goes out in a batch: the lead, the same person's lead from an earlier window if any, and its qualify link.</summary>
public sealed record BatchLead(Lead Lead, Lead? Earlier, string QualifyUrl)
{
    public string SeenBefore => Earlier is null ? "" : $"{Earlier.WindowId} ({Outcome(Earlier)})";

    public static string Outcome(Lead lead) => lead.Decision switch
    {
        null => "undecided",
        "Accepted" => "accepted",
        "Rejected" => "rejected",
        "Nurture" => "returned to nurture",
        var other => other.ToLowerInvariant(),
    };
}
