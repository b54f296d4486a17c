using LeadHandoff.Leads;
using LeadHandoff.Scorecards;

namespace LeadHandoff.Tests.Scorecards;

/// <summary>
/// A fixed data set whose every number was worked out by hand (see each comment). Target 3 a week.
/// W49: L1 accepted (10 h, on time), L2 rejected too-small (30 h, on time), L3 rejected competitor
/// (60 h, late), L4 undecided and unworked; 2 spam, 1 quarantined.
/// W50: L5 nurture (5 h, on time), L6 first rejected no-budget (20 h, on time) then changed to accepted.
/// W51: no leads at all.
/// </summary>
public sealed class ScorecardCalculatorTests
{
    private static Lead L(string id, string week, string owner, string offer, string? source, string sector, string size,
        Decision? decision = null, string? reason = null, double? firstHours = null, bool onTime = false, bool unworked = false) => new(
        id, week,
        new LeadDetails("n", $"{id}@x.example", "c", "t", null, "m", new Segment(sector, size), new MarketingSource(offer, source, null, source is null ? null : "q4"), new Consent(true, "v1")),
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1, owner,
        decision is null ? null : new RecordedDecision(decision.Value, reason, null, owner, DateTimeOffset.UnixEpoch, null, onTime, 1),
        unworked,
        firstHours is null ? null : new FirstDecision(DateTimeOffset.UnixEpoch, TimeSpan.FromHours(firstHours.Value), onTime));

    private static readonly WeekInput W49 = new("2026-W49",
    [
        L("L1", "2026-W49", "rep-1", "guide", "linkedin", "Software", "11-50", Decision.Accepted, firstHours: 10, onTime: true),
        L("L2", "2026-W49", "rep-2", "guide", null, "Retail", "1-10", Decision.Rejected, "too-small", 30, true),
        L("L3", "2026-W49", "rep-1", "webinar", "linkedin", "Software", "1-10", Decision.Rejected, "competitor", 60, false),
        L("L4", "2026-W49", "rep-2", "webinar", null, "Retail", "11-50", unworked: true),
    ], Spam: 2, Quarantined: 1);

    private static readonly WeekInput W50 = new("2026-W50",
    [
        L("L5", "2026-W50", "rep-1", "guide", "newsletter", "Software", "11-50", Decision.Nurture, firstHours: 5, onTime: true),
        // Changed: the current decision is Accepted; the SLA still measures the first (20 h, on time).
        L("L6", "2026-W50", "rep-2", "guide", "newsletter", "Retail", "1-10", Decision.Accepted, firstHours: 20, onTime: true),
    ], 0, 0);

    private static readonly WeekInput W51 = new("2026-W51", [], 0, 0);

    private static Scorecard Card(params WeekInput[] weeks) => ScorecardCalculator.Compute(weeks, 3, id => id == "rep-1" ? "Rita" : "Sam");

    [Fact]
    public void Each_week_is_computed_exactly()
    {
        var card = Card(W49, W50, W51);

        Assert.Equal(
            new MetricSet(4, 3, 2, 0.5, 30, 60, 1, 1, 2, 0, 1, 0.25, new Dictionary<string, int> { ["competitor"] = 1, ["too-small"] = 1 }),
            card.Weeks[0].Metrics, MetricSetComparer.Instance);
        Assert.Equal((3, true, 2, 1), (card.Weeks[0].Target, card.Weeks[0].TargetHit, card.Weeks[0].Spam, card.Weeks[0].Quarantined));
        Assert.Equal(new MetricSet(2, 2, 2, 1.0, 5, 20, 0, 1, 0, 1, 0, 0.5, new Dictionary<string, int>()), card.Weeks[1].Metrics, MetricSetComparer.Instance);
        Assert.False(card.Weeks[1].TargetHit);
    }

    [Fact]
    public void A_week_with_no_leads_has_zero_counts_no_shares_and_misses_the_target()
    {
        var week = Card(W51).Weeks.Single();

        Assert.Equal(new MetricSet(0, 0, 0, null, null, null, 0, 0, 0, 0, 0, null, new Dictionary<string, int>()), week.Metrics, MetricSetComparer.Instance);
        Assert.False(week.TargetHit);
    }

    [Fact]
    public void The_trailing_window_totals_every_week()
    {
        var card = Card(W49, W50, W51);

        // Hours sorted: 5, 10, 20, 30, 60. Median: rank ceil(2.5) = 3 → 20. p90: rank ceil(4.5) = 5 → 60.
        Assert.Equal(new MetricSet(6, 5, 4, 0.6667, 20, 60, 1, 2, 2, 1, 1, 0.3333, new Dictionary<string, int> { ["competitor"] = 1, ["too-small"] = 1 }), card.Totals, MetricSetComparer.Instance);
        Assert.Equal(("2026-W49", "2026-W51", 1, 2, 1), (card.From, card.To, card.WeeksTargetHit, card.Spam, card.Quarantined));
    }

    [Fact]
    public void Owners_and_marketing_feedback_are_broken_down()
    {
        var card = Card(W49, W50, W51);

        var rita = card.ByOwner.Single(o => o.Value == "rep-1");
        Assert.Equal(("Rita", 3, 1, 1, 1, 2, 0.6667), (rita.Label, rita.Metrics.Delivered, rita.Metrics.Accepted, rita.Metrics.Rejected, rita.Metrics.Nurture, rita.Metrics.DecidedOnTime, rita.Metrics.OnTimeShare));
        var sam = card.ByOwner.Single(o => o.Value == "rep-2");
        Assert.Equal((3, 1, 1, 1, 1), (sam.Metrics.Delivered, sam.Metrics.Accepted, sam.Metrics.Rejected, sam.Metrics.Undecided, sam.Metrics.Unworked));
        Assert.Equal([("guide", 4, 2, 0.5), ("webinar", 2, 0, 0.0)], card.Feedback.ByOffer.Select(b => (b.Value, b.Metrics.Delivered, b.Metrics.Accepted, b.Metrics.Conversion!.Value)).ToArray());
        Assert.Equal(new Dictionary<string, int> { ["competitor"] = 1 }, card.Feedback.ByOffer.Single(b => b.Value == "webinar").Metrics.RejectReasons);
        Assert.Equal([("(none)", 2, 0), ("linkedin", 2, 1), ("newsletter", 2, 1)], card.Feedback.ByUtmSource.Select(b => (b.Value, b.Metrics.Delivered, b.Metrics.Accepted)).ToArray());
        Assert.Equal([("q4", 4, 2), ("(none)", 2, 0)], card.Feedback.ByUtmCampaign.Select(b => (b.Value, b.Metrics.Delivered, b.Metrics.Accepted)).ToArray());
        Assert.Equal([("Retail", 3), ("Software", 3)], card.Feedback.BySector.Select(b => (b.Value, b.Metrics.Delivered)).ToArray());
        Assert.Equal([("1-10", 3), ("11-50", 3)], card.Feedback.BySizeBand.Select(b => (b.Value, b.Metrics.Delivered)).ToArray());
    }

    [Fact]
    public void Size_bands_follow_their_configured_order_not_their_counts_and_unknown_ones_come_last_by_number()
    {
        var week = new WeekInput("2026-W49",
        [
            L("A", "2026-W49", "rep-1", "guide", null, "Retail", "201-1000"),
            L("B", "2026-W49", "rep-1", "guide", null, "Retail", "11-50"),
            L("C", "2026-W49", "rep-1", "guide", null, "Retail", "11-50"),
            L("D", "2026-W49", "rep-1", "guide", null, "Retail", "1-10"),
            L("E", "2026-W49", "rep-1", "guide", null, "Retail", "5000+"),
            L("F", "2026-W49", "rep-1", "guide", null, "Retail", "1001-5000"),
        ], 0, 0);

        var card = ScorecardCalculator.Compute([week], 5, id => id, ["1-10", "11-50", "201-1000"]);

        Assert.Equal(["1-10", "11-50", "201-1000", "1001-5000", "5000+"], card.Feedback.BySizeBand.Select(b => b.Value));
    }

    [Fact]
    public void All_rejected_gives_zero_conversion_and_every_reason()
    {
        var week = new WeekInput("2026-W49",
        [
            L("A", "2026-W49", "rep-1", "guide", null, "Retail", "1-10", Decision.Rejected, "spam", 1, true),
            L("B", "2026-W49", "rep-1", "guide", null, "Retail", "1-10", Decision.Rejected, "spam", 2, true),
            L("C", "2026-W49", "rep-1", "guide", null, "Retail", "1-10", Decision.Rejected, "other", 3, true),
        ], 0, 0);

        var m = Card(week).Totals;

        Assert.Equal((0, 3, 0.0, 1.0), (m.Accepted, m.Rejected, m.Conversion!.Value, m.OnTimeShare!.Value));
        Assert.Equal(new Dictionary<string, int> { ["spam"] = 2, ["other"] = 1 }, m.RejectReasons);
    }

    [Fact]
    public void A_late_decision_changes_last_weeks_numbers_but_not_its_timeliness()
    {
        var late = W49 with { Leads = [.. W49.Leads.Take(3), L("L4", "2026-W49", "rep-2", "webinar", null, "Retail", "11-50", Decision.Accepted, firstHours: 100, onTime: false, unworked: true)] };

        var before = Card(W49).Weeks[0].Metrics;
        var after = Card(late).Weeks[0].Metrics;

        Assert.Equal((1, 1, 0.25, 2), (before.Accepted, before.Undecided, before.Conversion!.Value, before.DecidedOnTime));
        Assert.Equal((2, 0, 0.5, 2, 1), (after.Accepted, after.Undecided, after.Conversion!.Value, after.DecidedOnTime, after.Unworked));
        Assert.Equal(60, before.P90HoursToDecide);
        Assert.Equal(100, after.P90HoursToDecide);
    }

    /// <summary>Records holding dictionaries compare by reference; this compares the values.</summary>
    private sealed class MetricSetComparer : IEqualityComparer<MetricSet>
    {
        public static readonly MetricSetComparer Instance = new();

        public bool Equals(MetricSet? x, MetricSet? y) =>
            x is not null && y is not null && (x with { RejectReasons = y.RejectReasons }) == y && x.RejectReasons.OrderBy(r => r.Key).SequenceEqual(y.RejectReasons.OrderBy(r => r.Key));

        public int GetHashCode(MetricSet obj) => obj.Delivered;
    }
}
