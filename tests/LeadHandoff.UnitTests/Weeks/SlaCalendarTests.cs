using LeadHandoff.Weeks;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Tests.Weeks;

public sealed class SlaCalendarTests
{
    private static SlaCalendar London(params DateOnly[] holidays) =>
        new(Options.Create(new SlaOptions { Holidays = [.. holidays] }));

    private static DateTimeOffset Utc(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    [Fact]
    public void A_normal_week_runs_from_one_Monday_0900_to_the_next_with_the_deadline_on_Wednesday_1700()
    {
        var window = London().WindowContaining(Utc(2026, 12, 2, 10));

        Assert.Equal("2026-W50", window.Id);
        Assert.Equal(Utc(2026, 11, 30, 9), window.OpensAt);
        Assert.Equal(Utc(2026, 12, 7, 9), window.ClosesAt);
        Assert.Equal(Utc(2026, 12, 9, 17), window.DeadlineAt);
    }

    [Fact]
    public void A_lead_at_exactly_the_cut_off_goes_to_the_next_window()
    {
        var calendar = London();
        var cutOff = Utc(2026, 12, 7, 9);

        Assert.Equal("2026-W50", calendar.WindowContaining(cutOff.AddTicks(-1)).Id);
        Assert.Equal("2026-W51", calendar.WindowContaining(cutOff).Id);
        Assert.Equal(cutOff, calendar.WindowContaining(cutOff).OpensAt);
    }

    [Fact]
    public void The_latest_closed_window_is_last_week_until_the_cut_off_and_this_week_from_it()
    {
        var calendar = London();
        var cutOff = Utc(2026, 12, 7, 9);

        // Sunday: the week in progress is W50, so the latest closed one is W49.
        Assert.Equal("2026-W49", calendar.LatestClosedWindow(Utc(2026, 12, 6, 12)).Id);
        Assert.Equal("2026-W49", calendar.LatestClosedWindow(cutOff.AddTicks(-1)).Id);
        Assert.Equal("2026-W50", calendar.LatestClosedWindow(cutOff).Id);
    }

    [Fact]
    public void Spring_forward_keeps_0900_local_so_the_window_is_an_hour_short()
    {
        // Clocks go forward on Sunday 28 March 2027: Monday 09:00 BST is 08:00 UTC.
        var window = London().WindowContaining(Utc(2027, 3, 27, 12));

        Assert.Equal("2027-W13", window.Id);
        Assert.Equal(Utc(2027, 3, 22, 9), window.OpensAt);
        Assert.Equal(Utc(2027, 3, 29, 8), window.ClosesAt);
        Assert.Equal(Utc(2027, 3, 31, 16), window.DeadlineAt);
        Assert.Equal(TimeSpan.FromHours(167), window.ClosesAt - window.OpensAt);
    }

    [Fact]
    public void Fall_back_keeps_0900_local_so_the_window_is_an_hour_long()
    {
        // Clocks go back on Sunday 25 October 2026: the previous Monday's 09:00 BST was 08:00 UTC.
        var window = London().WindowContaining(Utc(2026, 10, 25, 12));

        Assert.Equal("2026-W44", window.Id);
        Assert.Equal(Utc(2026, 10, 19, 8), window.OpensAt);
        Assert.Equal(Utc(2026, 10, 26, 9), window.ClosesAt);
        Assert.Equal(TimeSpan.FromHours(169), window.ClosesAt - window.OpensAt);
    }

    [Fact]
    public void A_holiday_Monday_moves_the_batch_to_Tuesday_and_the_deadline_to_Thursday()
    {
        var calendar = London(new DateOnly(2026, 12, 28));

        var window = calendar.WindowOf(new DateOnly(2026, 12, 28));

        Assert.Equal(Utc(2026, 12, 29, 9), window.ClosesAt);
        Assert.Equal(Utc(2026, 12, 31, 17), window.DeadlineAt);
        // Monday's leads before the moved cut-off still belong to that batch, and the next window opens at it.
        Assert.Equal("2026-W53", calendar.WindowContaining(Utc(2026, 12, 28, 15)).Id);
        Assert.Equal(Utc(2026, 12, 29, 9), calendar.WindowContaining(Utc(2026, 12, 29, 9)).OpensAt);
    }

    [Fact]
    public void Holidays_on_consecutive_days_shift_batch_and_deadline_by_the_same_business_days()
    {
        var calendar = London(new DateOnly(2027, 4, 5), new DateOnly(2027, 4, 6), new DateOnly(2027, 4, 8));

        var window = calendar.WindowOf(new DateOnly(2027, 4, 5));

        Assert.Equal(Utc(2027, 4, 7, 8), window.ClosesAt);     // Wednesday 09:00 BST
        Assert.Equal(Utc(2027, 4, 12, 16), window.DeadlineAt); // Wed +2 business days skipping Thu holiday and the weekend
    }

    [Fact]
    public void A_holiday_between_batch_and_deadline_gives_sales_their_business_day_back()
    {
        var window = London(new DateOnly(2026, 12, 8)).WindowOf(new DateOnly(2026, 12, 7));

        Assert.Equal(Utc(2026, 12, 7, 9), window.ClosesAt);
        Assert.Equal(Utc(2026, 12, 10, 17), window.DeadlineAt);
    }

    [Fact]
    public void Iso_week_53_and_the_new_year_follow_each_other()
    {
        var calendar = London();

        var week53 = calendar.WindowContaining(Utc(2026, 12, 27, 12));
        var week1 = calendar.WindowContaining(Utc(2026, 12, 30, 12));

        Assert.Equal("2026-W53", week53.Id);
        Assert.Equal(Utc(2026, 12, 28, 9), week53.ClosesAt);
        Assert.Equal("2027-W01", week1.Id);
        Assert.Equal(week53.ClosesAt, week1.OpensAt);
        Assert.Equal(Utc(2027, 1, 4, 9), week1.ClosesAt);
    }

    [Fact]
    public void Every_instant_of_a_year_falls_in_exactly_one_window()
    {
        var calendar = London(new DateOnly(2026, 12, 28), new DateOnly(2027, 4, 5));
        var previous = calendar.WindowContaining(Utc(2026, 6, 1, 0));
        for (var i = 0; i < 60; i++)
        {
            var next = calendar.WindowContaining(previous.ClosesAt);
            Assert.Equal(previous.ClosesAt, next.OpensAt);
            Assert.True(next.ClosesAt > next.OpensAt);
            previous = next;
        }
    }

    [Fact]
    public void A_local_time_in_the_spring_gap_is_taken_as_the_first_valid_instant_after_it()
    {
        var calendar = new SlaCalendar(Options.Create(new SlaOptions { TimeZone = "America/New_York" }));

        Assert.Equal(Utc(2027, 3, 14, 7), calendar.ToUtc(new DateOnly(2027, 3, 14), new TimeOnly(2, 30)));
    }

    [Fact]
    public void A_local_time_in_the_autumn_overlap_is_taken_at_its_first_occurrence()
    {
        var calendar = new SlaCalendar(Options.Create(new SlaOptions { TimeZone = "America/New_York" }));

        Assert.Equal(Utc(2026, 11, 1, 5, 30), calendar.ToUtc(new DateOnly(2026, 11, 1), new TimeOnly(1, 30)));
    }
}
