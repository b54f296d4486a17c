using LeadHandoff.Agreement;
using LeadHandoff.Scorecards;

namespace LeadHandoff.Functions.Agreement;

/// <summary>The agreement's JSON, as <c>GET /api/agreement?format=json</c> and the proposal routes answer it.</summary>
public static class AgreementJson
{
    public static object Of(AgreementState state, AgreementVersion inForce, WeekProgress openWeek, IReadOnlyList<WeekScore> lastWeeks) => new
    {
        version = inForce.Number,
        effectiveFrom = Weeks.BatchWindow.IdOf(inForce.EffectiveFrom),
        terms = Terms(inForce.Terms),
        latestVersion = state.Latest.Number,
        proposal = state.Open is { } open ? Proposal(open, state.Latest.Terms) : null,
        thisWeek = new
        {
            week = openWeek.Week,
            counted = openWeek.Counted,
            outOfDefinition = openWeek.OutOfDefinition,
            target = openWeek.Target,
            dueByNow = openWeek.DueByNow,
            behind = openWeek.Behind,
            bySegment = openWeek.BySegment.Select(s => new { sector = s.Key.Sector, sizeBand = s.Key.SizeBand, leads = s.Value }),
        },
        grades = lastWeeks.Select(w => new { week = w.Week, agreementVersion = w.AgreementVersion, grade = w.Grade }),
        history = state.Versions.Select(v => new
        {
            version = v.Number,
            effectiveFrom = Weeks.BatchWindow.IdOf(v.EffectiveFrom),
            terms = Terms(v.Terms),
            proposedBy = v.ProposedBy,
            approvedBy = v.ApprovedBy,
            approvedAt = v.ApprovedAt,
            note = v.Note,
        }),
        proposals = state.Proposals.Select(p => Proposal(p, null)),
    };

    public static object Terms(AgreementTerms t) => new
    {
        weeklyTarget = t.WeeklyTarget,
        qualityTarget = t.QualityTarget,
        onTimeTarget = t.OnTimeTarget,
        offers = t.Offers,
        sectors = t.Sectors,
        sizeBands = t.SizeBands,
        hotLaneHours = t.HotLaneHours,
        rejectReasons = t.Reasons.Select(r => new { id = r.Id, label = r.Label, thaiLabel = r.ThaiLabel }),
        ladder = t.Steps.Select(s => new { offsetHours = s.OffsetHours, recipient = s.Recipient, template = s.Template, address = s.Address }),
        deadlineDay = t.DeadlineDay?.ToString(),
        deadlineTime = t.DeadlineTime?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
    };

    public static object Proposal(AgreementProposal p, AgreementTerms? current) => new
    {
        id = p.Id,
        side = p.Side.ToString().ToLowerInvariant(),
        proposedBy = p.ProposedBy,
        proposedAt = p.ProposedAt,
        note = p.Note,
        state = p.State.ToString().ToLowerInvariant(),
        terms = Terms(p.Terms),
        changes = current?.Changes(p.Terms).Select(c => new { term = c.Term, from = c.Old, to = c.New }),
        decidedBy = p.DecidedBy,
        decidedAt = p.DecidedAt,
        version = p.Version,
    };
}
