using System.ComponentModel.DataAnnotations;
using LeadHandoff.Configuration;

namespace LeadHandoff.Weeks;

/// <summary>The agreement's clock: when the batch goes out, when sales must have decided, and the target.</summary>
public sealed class SlaOptions : ISettings
{
    public const string SectionName = "Sla";

    /// <summary>IANA time zone of the business. Default Europe/London.</summary>
    public string TimeZone { get; set; } = "Europe/London";

    public DayOfWeek BatchDay { get; set; } = DayOfWeek.Monday;

    public TimeOnly BatchTime { get; set; } = new(9, 0);

    /// <summary>Deadline day, in the same Monday-to-Sunday week as the batch.</summary>
    public DayOfWeek DeadlineDay { get; set; } = DayOfWeek.Wednesday;

    public TimeOnly DeadlineTime { get; set; } = new(17, 0);

    /// <summary>Marketing's promise: leads delivered per batch.</summary>
    [Range(0, int.MaxValue, ErrorMessage = SettingMessages.ZeroOrMore)]
    public int WeeklyTarget { get; set; } = 50;

    /// <summary>When a business day starts, for deadlines counted in business hours (the hot lane).</summary>
    public TimeOnly BusinessDayStart { get; set; } = new(9, 0);

    /// <summary>When a business day ends.</summary>
    public TimeOnly BusinessDayEnd { get; set; } = new(17, 0);

    /// <summary>Dates (yyyy-MM-dd, business time zone) on which no batch goes out and no deadline falls.</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    public IEnumerable<string> Validate()
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
            yield return $"{SectionName}:TimeZone '{TimeZone}' is not a known IANA time zone.";
        if (SlaCalendar.DayIndex(DeadlineDay) * TimeSpan.TicksPerDay + DeadlineTime.Ticks <= SlaCalendar.DayIndex(BatchDay) * TimeSpan.TicksPerDay + BatchTime.Ticks)
            yield return $"{SectionName}:DeadlineDay and {SectionName}:DeadlineTime must fall after the batch in the same Monday-to-Sunday week.";
        if (BusinessDayEnd <= BusinessDayStart)
            yield return $"{SectionName}:BusinessDayEnd ({BusinessDayEnd:HH\\:mm}) must be after {SectionName}:BusinessDayStart ({BusinessDayStart:HH\\:mm}).";
    }
}
