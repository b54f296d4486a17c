using LeadHandoff.Weeks;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Tests.Weeks;

/// <summary>The hot lane's clock: business hours are 09:00–17:00 local on weekdays that are not holidays.</summary>
public sealed class BusinessHoursTests
{
    private static SlaCalendar Calendar(string zone = "Europe/London", params DateOnly[] holidays) =>
        new(Options.Create(new SlaOptions { TimeZone = zone, Holidays = [.. holidays] }));

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0, int year = 2026) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Four_hours_from_Friday_afternoon_end_on_Monday_morning()
    {
        // Friday 4 December 2026, 16:00 London: one hour on Friday, three on Monday.
        Assert.Equal(Utc(12, 7, 12), Calendar().AddBusinessHours(Utc(12, 4, 16), 4));
    }

    [Fact]
    public void A_lead_at_night_starts_counting_at_the_next_day_start()
    {
        Assert.Equal(Utc(12, 3, 13), Calendar().AddBusinessHours(Utc(12, 2, 22), 4));
        Assert.Equal(Utc(12, 3, 13), Calendar().AddBusinessHours(Utc(12, 3, 6), 4));
    }

    [Fact]
    public void Holidays_do_not_count()
    {
        var christmas = Calendar(holidays: [new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 28)]);
        // Thursday 24 December 16:00: one hour, then Friday and Monday are holidays, then Tuesday.
        Assert.Equal(Utc(12, 29, 12), christmas.AddBusinessHours(Utc(12, 24, 16), 4));
    }

    [Fact]
    public void Hours_are_counted_in_local_time_across_the_spring_change()
    {
        // Friday 27 March 2026 16:00 GMT (= 16:00 local); clocks go forward on Sunday 29 March.
        // Monday's 09:00 BST is 08:00 UTC, so three more hours end at 12:00 BST = 11:00 UTC.
        Assert.Equal(Utc(3, 30, 11), Calendar().AddBusinessHours(Utc(3, 27, 16), 4));
    }

    [Fact]
    public void Between_counts_only_business_hours_and_is_the_inverse_of_adding()
    {
        var calendar = Calendar("Asia/Bangkok");
        var from = new DateTimeOffset(2026, 12, 4, 15, 30, 0, TimeSpan.FromHours(7));
        var due = calendar.AddBusinessHours(from, 4);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 11, 30, 0, TimeSpan.FromHours(7)), due);
        Assert.Equal(4, calendar.BusinessHoursBetween(from, due), precision: 6);
        Assert.Equal(0, calendar.BusinessHoursBetween(due, from));
    }
}
