using System.ComponentModel.DataAnnotations;
using LeadHandoff.Configuration;

namespace LeadHandoff.Privacy;

/// <summary>How long personal data is kept.</summary>
public sealed class RetentionOptions : ISettings
{
    public const string SectionName = "Retention";

    /// <summary>Leads are anonymised this many days after their batch week closed.</summary>
    [Range(30, 3650, ErrorMessage = SettingMessages.Between)]
    public int LeadDays { get; set; } = 400;

    /// <summary>Spam and quarantined submissions are deleted this many days after their week closed.</summary>
    [Range(1, 3650, ErrorMessage = SettingMessages.Between)]
    public int FlaggedDays { get; set; } = 30;

    /// <summary>Everything here is a range, checked by its annotation.</summary>
    public IEnumerable<string> Validate() => [];
}
