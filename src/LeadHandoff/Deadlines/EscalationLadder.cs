using LeadHandoff.Weeks;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Deadlines;

/// <summary>A step of the ladder as it applies to one batch: when it is due.</summary>
public sealed record DueStep(int Index, EscalationStepOptions Step, DateTimeOffset DueAt);

/// <summary>
/// When each step falls for a batch: the deadline plus the step's offset, whole days counted as
/// business days in the business time zone (so Wednesday 17:00 + 24 h before a Thursday holiday is
/// Friday 17:00), the rest as hours.
/// </summary>
public sealed class EscalationLadder(IOptions<EscalationOptions> options, SlaCalendar calendar)
{
    /// <summary>The settings' ladder: the seed of the agreement's version 1.</summary>
    public IReadOnlyList<EscalationStepOptions> Steps => options.Value.EffectiveSteps;

    public IReadOnlyList<DueStep> For(DateTimeOffset deadline) => For(deadline, Steps);

    /// <summary>A batch's ladder: the one of the agreement's version that grades its week.</summary>
    public IReadOnlyList<DueStep> For(DateTimeOffset deadline, IReadOnlyList<EscalationStepOptions> steps) =>
        steps.Select((step, i) => new DueStep(i, step, DueAt(deadline, step.OffsetHours))).ToList();

    private DateTimeOffset DueAt(DateTimeOffset deadline, int offsetHours)
    {
        var local = TimeZoneInfo.ConvertTime(deadline, calendar.TimeZone);
        var date = DateOnly.FromDateTime(local.DateTime);
        for (var day = 0; day < offsetHours / 24; day++) date = calendar.NextBusinessDay(date);
        return calendar.ToUtc(date, TimeOnly.FromDateTime(local.DateTime)).AddHours(offsetHours % 24);
    }
}
