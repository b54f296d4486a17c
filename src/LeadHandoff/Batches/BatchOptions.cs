using LeadHandoff.Configuration;

namespace LeadHandoff.Batches;

public sealed class BatchOptions : ISettings
{
    public const string SectionName = "Batch";

    /// <summary>How long a run holds a batch before another run may take it over (after a crash).</summary>
    public int LeaseMinutes { get; set; } = 10;

    /// <summary>How many earlier-window lookups run at once while a batch is prepared.</summary>
    public int LookupConcurrency { get; set; } = 16;

    /// <summary>
    /// First batch window to send (e.g. 2026-W50). Earlier windows are never sent, so a new
    /// deployment does not open with a summary of a week it never saw. Unset: no limit.
    /// </summary>
    public string? FirstWindow { get; set; }

    /// <summary>How many weeks back a heartbeat looks for batches a missed run never sent.</summary>
    public int LookbackWeeks { get; set; } = 8;

    /// <summary>A batch sent this long after its cut-off is late: marked so, with a deadline counted from when it went.</summary>
    public int LateAfterMinutes { get; set; } = 60;

    public IEnumerable<string> Validate()
    {
        if (LookbackWeeks is < 1 or > 52)
            yield return $"{SectionName}:LookbackWeeks must be between 1 and 52.";
        if (LateAfterMinutes is < 1 or > 10080)
            yield return $"{SectionName}:LateAfterMinutes must be between 1 and 10080.";
        if (!string.IsNullOrEmpty(FirstWindow) && !System.Text.RegularExpressions.Regex.IsMatch(FirstWindow, @"^\d{4}-W\d{2}$"))
            yield return $"{SectionName}:FirstWindow must be an ISO week such as 2026-W50.";
        if (LeaseMinutes is < 1 or > 120)
            yield return $"{SectionName}:LeaseMinutes must be between 1 and 120.";
        if (LookupConcurrency is < 1 or > 64)
            yield return $"{SectionName}:LookupConcurrency must be between 1 and 64.";
    }
}
