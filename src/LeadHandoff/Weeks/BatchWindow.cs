using System.Globalization;

namespace LeadHandoff.Weeks;

/// <summary>
/// One batch of the agreement: the leads received in [<see cref="OpensAt"/>, <see cref="ClosesAt"/>)
/// are handed to sales at <see cref="ClosesAt"/> and must be decided by <see cref="DeadlineAt"/>.
/// Named after the ISO week whose batch delivers it, e.g. <c>2026-W49</c>.
/// </summary>
public sealed record BatchWindow(DateOnly WeekStart, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, DateTimeOffset DeadlineAt)
{
    public string Id { get; } = IdOf(WeekStart);

    public static string IdOf(DateOnly weekStart)
    {
        var day = weekStart.ToDateTime(TimeOnly.MinValue);
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(day)}-W{ISOWeek.GetWeekOfYear(day):00}");
    }

    public bool Contains(DateTimeOffset instant) => instant >= OpensAt && instant < ClosesAt;
}
