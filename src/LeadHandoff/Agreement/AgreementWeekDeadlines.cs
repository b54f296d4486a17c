using LeadHandoff.Weeks;

namespace LeadHandoff.Agreement;

/// <summary>
/// Tells the calendar each batch week's deadline from the version of the agreement in force for it,
/// as this instance last read the agreement (<see cref="AgreementCache"/>): the batch run, the
/// decision pages, the deadline run, the hot lane and the scorecard read it before they compute a
/// week. Before the first read, the settings' deadline stands, which is version 1's.
/// </summary>
public sealed class AgreementWeekDeadlines(AgreementCache cache) : IWeekDeadlines
{
    public (DayOfWeek Day, TimeOnly Time)? DeadlineOf(DateOnly weekStart) =>
        cache.State?.InForce(weekStart).Terms is { DeadlineDay: { } day, DeadlineTime: { } time } ? (day, time) : null;
}
