using Microsoft.Extensions.Options;

namespace LeadHandoff.Weeks;

/// <summary>
/// Turns the agreement's local wall-clock rules into UTC instants. Every rule is stated in the
/// business's time zone, so DST shifts move the UTC instants, never the local times.
/// </summary>
public sealed class SlaCalendar
{
    private readonly SlaOptions _options;
    private readonly TimeZoneInfo _zone;
    private readonly HashSet<DateOnly> _holidays;
    private readonly IWeekDeadlines? _deadlines;

    /// <param name="deadlines">Each week's own deadline, when the agreement gives one; the settings' otherwise.</param>
    public SlaCalendar(IOptions<SlaOptions> options, IWeekDeadlines? deadlines = null)
    {
        _options = options.Value;
        _deadlines = deadlines;
        _zone = TimeZoneInfo.FindSystemTimeZoneById(_options.TimeZone);
        _holidays = [.. _options.Holidays];
    }

    public TimeZoneInfo TimeZone => _zone;

    public int WeeklyTarget => _options.WeeklyTarget;

    /// <summary>The window a lead received at <paramref name="instant"/> belongs to. A lead at exactly a cut-off goes to the next window.</summary>
    /// <summary>
    /// The most recently closed window at this instant: the week whose batch is due (or went out),
    /// what the batch sends, the manager's week and the scorecard open on by default.
    /// </summary>
    public BatchWindow LatestClosedWindow(DateTimeOffset instant) => WindowContaining(WindowContaining(instant).OpensAt.AddTicks(-1));

    public BatchWindow WindowContaining(DateTimeOffset instant)
    {
        var weekStart = MondayOf(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, _zone).DateTime));
        // A holiday can push a cut-off into the following week, so step until the instant is inside.
        while (instant >= CutOff(weekStart)) weekStart = weekStart.AddDays(7);
        while (instant < CutOff(weekStart.AddDays(-7))) weekStart = weekStart.AddDays(-7);
        return WindowOf(weekStart);
    }

    /// <summary>The window delivered by the batch of the ISO week starting <paramref name="weekStart"/> (a Monday).</summary>
    public BatchWindow WindowOf(DateOnly weekStart)
    {
        if (weekStart.DayOfWeek != DayOfWeek.Monday)
            throw new ArgumentException("A batch week starts on a Monday.", nameof(weekStart));
        var batchDate = BatchDate(weekStart);
        // Sales always get the agreed number of business days: a batch moved past holidays moves the
        // deadline with it, and a holiday between batch and deadline pushes the deadline out.
        var (day, time) = DeadlineOf(weekStart);
        var deadlineDate = batchDate;
        for (var i = 0; i < DayIndex(day) - DayIndex(_options.BatchDay); i++) deadlineDate = NextBusinessDay(deadlineDate);
        return new BatchWindow(
            weekStart,
            CutOff(weekStart.AddDays(-7)),
            ToUtc(batchDate, _options.BatchTime),
            ToUtc(deadlineDate, time));
    }

    /// <summary>The window named <paramref name="windowId"/> (e.g. 2026-W50), or null if it is not a window id.</summary>
    public BatchWindow? WindowOf(string windowId)
    {
        if (windowId.Length != 8 || windowId[4..6] != "-W" ||
            !int.TryParse(windowId[..4], System.Globalization.CultureInfo.InvariantCulture, out var year) ||
            !int.TryParse(windowId[6..], System.Globalization.CultureInfo.InvariantCulture, out var week) ||
            year is < 2000 or > 9000 || week < 1 || week > System.Globalization.ISOWeek.GetWeeksInYear(year))
            return null;
        return WindowOf(DateOnly.FromDateTime(System.Globalization.ISOWeek.ToDateTime(year, week, DayOfWeek.Monday)));
    }

    /// <summary>
    /// The deadline of a batch that went out late, at <paramref name="sentAt"/>: the agreed number of
    /// business days counted from the day it actually went, at the deadline time, and never before
    /// it went. Sales always get the agreed time, however late marketing's side ran.
    /// </summary>
    /// <param name="weekStart">The batch week that went out late: its own deadline day and time are counted.</param>
    public DateTimeOffset DeadlineCountedFrom(DateTimeOffset sentAt, DateOnly? weekStart = null)
    {
        var (day, time) = weekStart is { } week ? DeadlineOf(week) : (_options.DeadlineDay, _options.DeadlineTime);
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(sentAt, _zone).DateTime);
        for (var i = 0; i < DayIndex(day) - DayIndex(_options.BatchDay); i++) date = NextBusinessDay(date);
        var deadline = ToUtc(date, time);
        while (deadline <= sentAt) deadline = ToUtc(date = NextBusinessDay(date), time);
        return deadline;
    }

    /// <summary>A week's deadline day and time: its agreement's, or the settings'.</summary>
    public (DayOfWeek Day, TimeOnly Time) DeadlineOf(DateOnly weekStart) =>
        _deadlines?.DeadlineOf(weekStart) ?? (_options.DeadlineDay, _options.DeadlineTime);

    /// <summary>Whether a deadline falls after the batch in the same Monday-to-Sunday week, as every deadline must.</summary>
    public bool DeadlineAfterBatch(DayOfWeek day, TimeOnly time) =>
        DayIndex(day) * TimeSpan.TicksPerDay + time.Ticks > DayIndex(_options.BatchDay) * TimeSpan.TicksPerDay + _options.BatchTime.Ticks;

    /// <summary>
    /// The instant <paramref name="hours"/> business hours after <paramref name="from"/>: only time
    /// between the business day's start and end on weekdays that are not holidays counts, in the
    /// business's time zone, so a lead at 16:00 on Friday with 4 hours is due at 12:00 on Monday.
    /// </summary>
    public DateTimeOffset AddBusinessHours(DateTimeOffset from, double hours)
    {
        var left = TimeSpan.FromHours(hours);
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, _zone).DateTime);
        for (var guard = 0; guard < 3700; guard++, date = date.AddDays(1))
        {
            if (!IsBusinessDay(date)) continue;
            var (start, end) = (ToUtc(date, _options.BusinessDayStart), ToUtc(date, _options.BusinessDayEnd));
            if (from > start) start = from;
            if (start >= end) continue;
            if (end - start >= left) return start + left;
            left -= end - start;
        }
        throw new InvalidOperationException("No business hours in ten years: check Sla:Holidays.");
    }

    /// <summary>Business hours between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public double BusinessHoursBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var total = TimeSpan.Zero;
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, _zone).DateTime);
        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(to, _zone).DateTime);
        for (; date <= last; date = date.AddDays(1))
        {
            if (!IsBusinessDay(date)) continue;
            var start = ToUtc(date, _options.BusinessDayStart);
            var end = ToUtc(date, _options.BusinessDayEnd);
            if (from > start) start = from;
            if (to < end) end = to;
            if (end > start) total += end - start;
        }
        return total.TotalHours;
    }

    public bool IsBusinessDay(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(date);

    /// <summary>Monday = 0 … Sunday = 6: the order of days within a batch week.</summary>
    public static int DayIndex(DayOfWeek day) => ((int)day + 6) % 7;

    public static DateOnly MondayOf(DateOnly date) => date.AddDays(-DayIndex(date.DayOfWeek));

    public DateTimeOffset ToUtc(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        // In a spring-forward gap the wall-clock time does not exist: take the first valid instant after it.
        while (_zone.IsInvalidTime(local)) local = local.AddMinutes(15);
        // In a fall-back overlap the time happens twice: take the first occurrence, the larger offset.
        var offset = _zone.IsAmbiguousTime(local) ? _zone.GetAmbiguousTimeOffsets(local).Max() : _zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private DateTimeOffset CutOff(DateOnly weekStart) => ToUtc(BatchDate(weekStart), _options.BatchTime);

    /// <summary>The batch day of the week, or the next business day when it is a holiday.</summary>
    private DateOnly BatchDate(DateOnly weekStart)
    {
        var date = weekStart.AddDays(DayIndex(_options.BatchDay));
        return _holidays.Contains(date) ? NextBusinessDay(date) : date;
    }

    public DateOnly NextBusinessDay(DateOnly date)
    {
        do date = date.AddDays(1);
        while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || _holidays.Contains(date));
        return date;
    }
}
