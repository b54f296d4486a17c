using LeadHandoff.Configuration;

namespace LeadHandoff.Privacy;

/// <summary>How long personal data is kept.</summary>
public sealed class RetentionOptions : ISettings
{
    public const string SectionName = "Retention";

    /// <summary>Leads are anonymised this many days after their batch week closed.</summary>
    public int LeadDays { get; set; } = 400;

    /// <summary>Spam and quarantined submissions are deleted this many days after their week closed.</summary>
    public int FlaggedDays { get; set; } = 30;

    public IEnumerable<string> Validate()
    {
        if (LeadDays is < 30 or > 3650)
            yield return $"{SectionName}:LeadDays must be between 30 and 3650.";
        if (FlaggedDays is < 1 or > 3650)
            yield return $"{SectionName}:FlaggedDays must be between 1 and 3650.";
    }
}
