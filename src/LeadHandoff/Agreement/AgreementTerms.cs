namespace LeadHandoff.Agreement;

/// <summary>
/// What marketing and sales promise each other, as one version of the agreement holds it.
/// Marketing: <see cref="WeeklyTarget"/> leads that fit the lead definition, and a share of them
/// good enough for sales to accept (<see cref="QualityTarget"/>). Sales: decide
/// <see cref="OnTimeTarget"/> of the week's leads by the deadline.
/// </summary>
/// <param name="QualityTarget">The share, 0 to 1, of the week's leads decided by the deadline that sales accepted.</param>
/// <param name="OnTimeTarget">The share, 0 to 1, of the week's leads that must be decided by the deadline.</param>
/// <param name="Offers">The lead definition: offers that count towards the target (empty: every offer).</param>
/// <param name="Sectors">Sectors that count (empty: every sector).</param>
/// <param name="SizeBands">Company size bands that count (empty: every band).</param>
/// <param name="HotLaneHours">Sales: business hours to decide a hot lead (a demo request) from its hand-off.</param>
/// <param name="RejectReasons">Sales: the reasons a lead may be rejected for, in English and Thai.</param>
/// <param name="Ladder">Sales: the reminders and escalations after the deadline.</param>
/// <param name="DeadlineDay">Sales: the day of the batch week by which every lead is decided (business time zone).</param>
/// <param name="DeadlineTime">Sales: the time on that day.</param>
public sealed record AgreementTerms(
    int WeeklyTarget,
    double QualityTarget,
    double OnTimeTarget,
    IReadOnlyList<string> Offers,
    IReadOnlyList<string> Sectors,
    IReadOnlyList<string> SizeBands,
    double HotLaneHours = 4,
    IReadOnlyList<AgreementReason>? RejectReasons = null,
    IReadOnlyList<AgreementStep>? Ladder = null,
    DayOfWeek? DeadlineDay = null,
    TimeOnly? DeadlineTime = null)
{
    /// <summary>Sales' terms filled from the seed where a version has none (a version written before they were part of it, or a test's marketing-only terms).</summary>
    public AgreementTerms WithSalesTerms(SalesTermsSeed seed) => this with
    {
        RejectReasons = RejectReasons is { Count: > 0 } ? RejectReasons : seed.RejectReasons,
        Ladder = Ladder is { Count: > 0 } ? Ladder : seed.Ladder,
    };

    public IReadOnlyList<AgreementReason> Reasons => RejectReasons ?? [];

    public IReadOnlyList<AgreementStep> Steps => Ladder ?? [];

    /// <summary>Whether a lead of this offer, sector and size counts towards marketing's target; one outside is still delivered, and counted apart.</summary>
    public bool Counts(string offer, string sector, string sizeBand) =>
        In(Offers, offer) && In(Sectors, sector) && In(SizeBands, sizeBand);

    private static bool In(IReadOnlyList<string> allowed, string value) =>
        allowed.Count == 0 || allowed.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>Each term's problem, by field name, as a proposal form or JSON shows it.</summary>
    public FieldErrors Check()
    {
        var errors = new FieldErrors();
        if (WeeklyTarget is < 0 or > 100_000) errors.Add("weeklyTarget", "AgreementWeeklyTarget");
        if (double.IsNaN(QualityTarget) || QualityTarget is < 0 or > 1) errors.Add("qualityTarget", "AgreementShare", new FieldLabel("qualityTarget"));
        if (double.IsNaN(OnTimeTarget) || OnTimeTarget is < 0 or > 1) errors.Add("onTimeTarget", "AgreementShare", new FieldLabel("onTimeTarget"));
        foreach (var (name, list) in new[] { ("offers", Offers), ("sectors", Sectors), ("sizeBands", SizeBands) })
            if (list.Count > 100 || list.Any(v => string.IsNullOrWhiteSpace(v) || v.Length > 100)) errors.Add(name, "AgreementList", new FieldLabel(name));
        if (double.IsNaN(HotLaneHours) || HotLaneHours is < 0.25 or > 200) errors.Add("hotLaneHours", "AgreementHotLane");
        if (Reasons.Count is 0 or > 30 || Reasons.Any(r => r.Id.Length is 0 or > 40 || !r.Id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') || string.IsNullOrWhiteSpace(r.Label) || r.Label.Length > 100 || r.ThaiLabel?.Length > 100)
            || Reasons.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count() != Reasons.Count)
            errors.Add("rejectReasons", "AgreementReasons");
        foreach (var (step, problem) in AgreementStep.Problems(Steps).Take(1)) errors.Add("ladder", "AgreementLadder", step + 1, problem);
        if (Steps.Count is 0 or > 10) errors.Add("ladder", "AgreementLadderCount");
        return errors;
    }

    /// <summary>The terms that differ, old → new, for a proposal's summary.</summary>
    public IReadOnlyList<(string Term, string Old, string New)> Changes(AgreementTerms next)
    {
        static string L(IReadOnlyList<string> values) => values.Count == 0 ? "(all)" : string.Join(", ", values);
        static string P(double share) => share.ToString("0.##%", System.Globalization.CultureInfo.InvariantCulture);
        static string R(IReadOnlyList<AgreementReason> reasons) => string.Join("; ", reasons.Select(r => r.ThaiLabel is { Length: > 0 } th ? $"{r.Id} ({r.Label} / {th})" : $"{r.Id} ({r.Label})"));
        var all = new (string, string, string)[]
        {
            ("weeklyTarget", WeeklyTarget.ToString(System.Globalization.CultureInfo.InvariantCulture), next.WeeklyTarget.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("qualityTarget", P(QualityTarget), P(next.QualityTarget)),
            ("onTimeTarget", P(OnTimeTarget), P(next.OnTimeTarget)),
            ("offers", L(Offers), L(next.Offers)),
            ("sectors", L(Sectors), L(next.Sectors)),
            ("sizeBands", L(SizeBands), L(next.SizeBands)),
            ("hotLaneHours", HotLaneHours.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), next.HotLaneHours.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)),
            ("rejectReasons", R(Reasons), R(next.Reasons)),
            ("ladder", string.Join("; ", Steps), string.Join("; ", next.Steps)),
            ("deadline", $"{DeadlineDay} {DeadlineTime:HH\\:mm}", $"{next.DeadlineDay} {next.DeadlineTime:HH\\:mm}"),
        };
        return [.. all.Where(c => c.Item2 != c.Item3)];
    }
}
