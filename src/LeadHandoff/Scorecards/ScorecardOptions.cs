using LeadHandoff.Configuration;

namespace LeadHandoff.Scorecards;

public sealed class ScorecardOptions : ISettings
{
    public const string SectionName = "Scorecard";

    /// <summary>Send the scorecard of the batch whose deadline week has closed along with Monday's batch.</summary>
    public bool SendWithBatch { get; set; } = true;

    /// <summary>Weeks in the trailing window, on the page and in the email.</summary>
    public int TrailingWeeks { get; set; } = ScorecardService.DefaultWeeks;

    public IEnumerable<string> Validate()
    {
        if (TrailingWeeks is < 1 or > ScorecardService.MaxWeeks)
            yield return $"{SectionName}:TrailingWeeks must be between 1 and {ScorecardService.MaxWeeks}.";
    }
}
