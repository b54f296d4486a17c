namespace LeadHandoff.Scorecards;

/// <summary>
/// The open batch week so far, against the target of the agreement's version that will grade it:
/// the leads its definition counts, those outside it, the count by segment, and the pace, the
/// share of the target due by now if leads came evenly over the window (a window of 7 days that
/// is 3 days old is due 3/7 of its target).
/// </summary>
public sealed record WeekProgress(
    string Week,
    int AgreementVersion,
    int Counted,
    int OutOfDefinition,
    int Target,
    int DueByNow,
    IReadOnlyDictionary<(string Sector, string SizeBand), int> BySegment)
{
    /// <summary>Fewer counted leads than the pace asks for by now.</summary>
    public bool Behind => Counted < DueByNow;

    /// <summary>How the window's time has run, pace's measure: due = ⌈target × elapsed ÷ length⌉.</summary>
    public static int Due(int target, DateTimeOffset opensAt, DateTimeOffset closesAt, DateTimeOffset now)
    {
        var share = Math.Clamp((now - opensAt) / (closesAt - opensAt), 0, 1);
        return (int)Math.Ceiling(target * share - 1e-9);
    }
}
