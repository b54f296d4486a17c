using LeadHandoff.Calendar;

namespace LeadHandoff.Batches;

/// <summary>What a batch delivered, for the summary email: counts only, no personal data.</summary>
public sealed record BatchSummary(
    BatchWindow Window,
    int Target,
    int Delivered,
    IReadOnlyDictionary<(string Sector, string SizeBand), int> BySegment,
    IReadOnlyList<(string OwnerName, int Leads)> ByOwner,
    int Spam,
    int Quarantined)
{
    /// <summary>The promise, measured and said plainly.</summary>
    public string TargetStatement => Delivered switch
    {
        _ when Target == 0 => $"{Delivered} leads delivered (no target is set).",
        0 => $"No leads were delivered in this batch: the target of {Target} was missed by {Target}.",
        _ when Delivered < Target => $"Target missed: {Delivered} leads delivered against a target of {Target}, {Target - Delivered} short ({Delivered * 100 / Target}% of target).",
        _ when Delivered == Target => $"Target met: {Delivered} leads delivered against a target of {Target}.",
        _ => $"Target met: {Delivered} leads delivered against a target of {Target}, {Delivered - Target} over.",
    };
}
