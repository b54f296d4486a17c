namespace LeadHandoff.Scorecards;

/// <summary>
/// The agreement's numbers for one set of delivered leads. Every share is over <see cref="Delivered"/>,
/// so an undecided lead counts against on-time and conversion; times are hours from the batch email
/// to the first decision, median and 90th percentile by nearest rank.
/// </summary>
public sealed record MetricSet(
    int Delivered,
    int Decided,
    int DecidedOnTime,
    double? OnTimeShare,
    double? MedianHoursToDecide,
    double? P90HoursToDecide,
    int Unworked,
    int Accepted,
    int Rejected,
    int Nurture,
    int Undecided,
    double? Conversion,
    IReadOnlyDictionary<string, int> RejectReasons);

/// <summary>One batch week. <see cref="BatchDate"/> is the day its batch went out (business time zone): what people call the week by.</summary>
public sealed record WeekScore(string Week, int Target, bool TargetHit, int Spam, int Quarantined, MetricSet Metrics)
{
    public DateOnly BatchDate { get; init; }

    /// <summary>The number of the agreement's version in force at this week's batch: the one that grades it.</summary>
    public int AgreementVersion { get; init; } = 1;

    /// <summary>Both sides' grades against that version.</summary>
    public WeekGrade Grade { get; init; } = WeekGrade.None;
}

/// <summary>
/// One batch week graded against the agreement's version in force at its batch. Marketing:
/// <see cref="Counted"/> (leads inside the lead definition) against <see cref="VolumeTarget"/>, and
/// <see cref="Quality"/>, the share of counted leads decided by the deadline that sales accepted.
/// Sales: <see cref="OnTime"/>, the share of every delivered lead decided by the deadline. A lead
/// undecided at the deadline counts against sales' on-time share, not marketing's quality.
/// <see cref="Final"/> once the deadline has passed; before it the grades are provisional.
/// </summary>
public sealed record WeekGrade(
    int Counted,
    int OutOfDefinition,
    int VolumeTarget,
    bool VolumeMet,
    int CountedDecidedOnTime,
    int CountedAcceptedOnTime,
    double? Quality,
    double QualityTarget,
    bool? QualityMet,
    double? OnTime,
    double OnTimeTarget,
    bool? OnTimeMet,
    bool Final)
{
    public static readonly WeekGrade None = new(0, 0, 0, false, 0, 0, null, 0, null, null, 0, null, false);
}

/// <summary>One value of a breakdown (an owner, an offer, a campaign…) and its numbers.</summary>
public sealed record Breakdown(string Value, string Label, MetricSet Metrics);

public sealed record Feedback(
    IReadOnlyList<Breakdown> ByOffer,
    IReadOnlyList<Breakdown> ByUtmSource,
    IReadOnlyList<Breakdown> ByUtmCampaign,
    IReadOnlyList<Breakdown> BySector,
    IReadOnlyList<Breakdown> BySizeBand);

/// <summary>
/// The hot lane on its own: leads it handed over, how many were decided within their business-hours
/// deadline, and the business hours from hand-off to first decision (median and 90th percentile).
/// </summary>
public sealed record HotLaneScore(int Leads, int Decided, int DecidedInTime, double? MedianBusinessHours, double? P90BusinessHours, int Accepted);

/// <summary>Both sides of the agreement over a run of batch weeks, oldest first.</summary>
public sealed record Scorecard(
    string From,
    string To,
    int WeeklyTarget,
    int WeeksTargetHit,
    int Spam,
    int Quarantined,
    MetricSet Totals,
    IReadOnlyList<WeekScore> Weeks,
    IReadOnlyList<Breakdown> ByOwner,
    Feedback Feedback)
{
    public HotLaneScore Hot { get; init; } = new(0, 0, 0, null, null, 0);
}
