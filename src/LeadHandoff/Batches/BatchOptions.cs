using System.ComponentModel.DataAnnotations;
using LeadHandoff.Configuration;

namespace LeadHandoff.Batches;

public sealed class BatchOptions : ISettings
{
    public const string SectionName = "Batch";

    /// <summary>How long a run holds a batch before another run may take it over (after a crash).</summary>
    [Range(1, 120, ErrorMessage = SettingMessages.Between)]
    public int LeaseMinutes { get; set; } = 10;

    /// <summary>How many earlier-window lookups run at once while a batch is prepared.</summary>
    [Range(1, 64, ErrorMessage = SettingMessages.Between)]
    public int LookupConcurrency { get; set; } = 16;

    /// <summary>
    /// First batch window to send (e.g. 2026-W50). Earlier windows are never sent, so a new
    /// deployment does not open with a summary of a week it never saw. Unset: no limit.
    /// </summary>
    public string? FirstWindow { get; set; }

    /// <summary>How many weeks back a heartbeat looks for batches a missed run never sent.</summary>
    [Range(1, 52, ErrorMessage = SettingMessages.Between)]
    public int LookbackWeeks { get; set; } = 8;

    /// <summary>A batch sent this long after its cut-off is late: marked so, with a deadline counted from when it went.</summary>
    [Range(1, 10080, ErrorMessage = SettingMessages.Between)]
    public int LateAfterMinutes { get; set; } = 60;

    public IEnumerable<string> Validate()
    {
        if (!string.IsNullOrEmpty(FirstWindow) && !System.Text.RegularExpressions.Regex.IsMatch(FirstWindow, @"^\d{4}-W\d{2}$"))
            yield return $"{SectionName}:FirstWindow must be an ISO week such as 2026-W50.";
    }
}
