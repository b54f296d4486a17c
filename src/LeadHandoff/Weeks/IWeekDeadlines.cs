namespace LeadHandoff.Weeks;

/// <summary>
/// The deadline a batch week's own terms give it, where they say one: the agreement's version for
/// that week (it stands above the calendar, so it tells the calendar rather than the other way).
/// Null: the settings' <see cref="SlaOptions.DeadlineDay"/> and <see cref="SlaOptions.DeadlineTime"/>.
/// </summary>
public interface IWeekDeadlines
{
    (DayOfWeek Day, TimeOnly Time)? DeadlineOf(DateOnly weekStart);
}
