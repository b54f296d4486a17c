using LeadHandoff.Configuration;

namespace LeadHandoff.Pace;

/// <summary>
/// When marketing hears that the open week is behind pace: from <see cref="Time"/> on
/// <see cref="Day"/> in the business's time zone (the SLA calendar's), once a week at most.
/// </summary>
public sealed class PaceOptions : ISettings
{
    public const string SectionName = "Pace";

    /// <summary>The day of the check. Default Thursday.</summary>
    public DayOfWeek Day { get; set; } = DayOfWeek.Thursday;

    /// <summary>From when on that day. Default 12:00.</summary>
    public TimeOnly Time { get; set; } = new(12, 0);

    /// <summary>Off: no "behind pace" email.</summary>
    public bool Enabled { get; set; } = true;

    public IEnumerable<string> Validate()
    {
        if (!Enum.IsDefined(Day)) yield return $"{SectionName}:Day must be a day of the week, such as Thursday.";
    }
}
