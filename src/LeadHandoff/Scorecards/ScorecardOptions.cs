using System.ComponentModel.DataAnnotations;
using LeadHandoff.Configuration;

namespace LeadHandoff.Scorecards;

public sealed class ScorecardOptions : ISettings
{
    public const string SectionName = "Scorecard";

    /// <summary>Send the scorecard of the batch whose deadline week has closed along with Monday's batch.</summary>
    public bool SendWithBatch { get; set; } = true;

    /// <summary>Weeks in the trailing window, on the page and in the email.</summary>
    [Range(1, ScorecardService.MaxWeeks, ErrorMessage = SettingMessages.Between)]
    public int TrailingWeeks { get; set; } = ScorecardService.DefaultWeeks;

    /// <summary>Everything here is a range, checked by its annotation.</summary>
    public IEnumerable<string> Validate() => [];
}
