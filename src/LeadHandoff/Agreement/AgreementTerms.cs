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
public sealed record AgreementTerms(
    int WeeklyTarget,
    double QualityTarget,
    double OnTimeTarget,
    IReadOnlyList<string> Offers,
    IReadOnlyList<string> Sectors,
    IReadOnlyList<string> SizeBands)
{
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
        return errors;
    }

    /// <summary>The terms that differ, old → new, for a proposal's summary.</summary>
    public IReadOnlyList<(string Term, string Old, string New)> Changes(AgreementTerms next)
    {
        static string L(IReadOnlyList<string> values) => values.Count == 0 ? "(all)" : string.Join(", ", values);
        static string P(double share) => share.ToString("0.##%", System.Globalization.CultureInfo.InvariantCulture);
        var all = new (string, string, string)[]
        {
            ("weeklyTarget", WeeklyTarget.ToString(System.Globalization.CultureInfo.InvariantCulture), next.WeeklyTarget.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("qualityTarget", P(QualityTarget), P(next.QualityTarget)),
            ("onTimeTarget", P(OnTimeTarget), P(next.OnTimeTarget)),
            ("offers", L(Offers), L(next.Offers)),
            ("sectors", L(Sectors), L(next.Sectors)),
            ("sizeBands", L(SizeBands), L(next.SizeBands)),
        };
        return [.. all.Where(c => c.Item2 != c.Item3)];
    }
}
