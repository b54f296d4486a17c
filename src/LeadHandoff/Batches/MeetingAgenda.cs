using LeadHandoff.Agreement;
using LeadHandoff.Scorecards;

namespace LeadHandoff.Batches;

/// <summary>
/// Monday's summary as the agenda of the weekly meeting between the two teams: last week's grades
/// on both sides (final, its deadline passed), the terms that change from this week, the open
/// proposal, and the offers sales accepted most and least over the agreement's last 8 weeks.
/// </summary>
/// <param name="Offers">How many weeks the offers' acceptance covers.</param>
public sealed record MeetingAgenda(
    WeekScore? LastWeek,
    int? NewVersion,
    IReadOnlyList<(string Term, string Old, string New)> ChangingThisWeek,
    AgreementProposal? Open,
    IReadOnlyList<(string Term, string Old, string New)> Proposed,
    Breakdown? BestOffer,
    Breakdown? WorstOffer,
    int Offers,
    string AgreementUrl)
{
    /// <summary>The agenda as paragraphs, each with the list under it, in the readers' words: one source for the HTML and the text part.</summary>
    public IReadOnlyList<(string Line, IReadOnlyList<string> Items)> Lines(Email.StaffEmailText t)
    {
        string Verdict(bool? met) => t[met is null ? "AgendaNoData" : met.Value ? "AgendaMet" : "AgendaNotMet"];
        IReadOnlyList<string> Changes(IReadOnlyList<(string Term, string Old, string New)> changes) =>
            [.. changes.Select(c => t["AgendaChange", t["Term." + c.Term], c.Old, c.New])];
        var lines = new List<(string, IReadOnlyList<string>)>();
        if (LastWeek is { Grade: var g } last)
            lines.Add((t["AgendaLastWeek", last.Week, last.AgreementVersion],
            [
                t["AgendaVolume", g.Counted, g.VolumeTarget, Verdict(g.VolumeMet)],
                t["AgendaQuality", t.Percent(g.Quality), t.Percent(g.QualityTarget), Verdict(g.QualityMet)],
                t["AgendaOnTime", t.Percent(g.OnTime), t.Percent(g.OnTimeTarget), Verdict(g.OnTimeMet)],
            ]));
        else lines.Add((t["AgendaNoLastWeek"], []));
        lines.Add(NewVersion is { } version ? (t["AgendaChanges", version], Changes(ChangingThisWeek)) : (t["AgendaNoChanges"], []));
        lines.Add(Open is { } open ? (t["AgendaProposal", open.ProposedBy, t["Side." + open.Side]], Changes(Proposed)) : (t["AgendaNoProposal"], []));
        if (BestOffer is { } best)
        {
            var offers = new List<string> { t["AgendaBestOffer", Offers, best.Label, t.Percent(best.Metrics.Conversion), best.Metrics.Delivered] };
            if (WorstOffer is { } worst) offers.Add(t["AgendaWorstOffer", worst.Label, t.Percent(worst.Metrics.Conversion), worst.Metrics.Delivered]);
            lines.Add((string.Join(" ", offers), []));
        }
        else lines.Add((t["AgendaNoOffers", Offers], []));
        return lines;
    }
}
