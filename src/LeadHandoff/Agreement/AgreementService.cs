using LeadHandoff.Weeks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Agreement;

/// <summary>What the agreement holds now: every version, the open proposal and the history.</summary>
public sealed record AgreementState(IReadOnlyList<AgreementVersion> Versions, AgreementProposal? Open, IReadOnlyList<AgreementProposal> Proposals)
{
    public AgreementVersion Latest => Versions[^1];

    /// <summary>The version that grades the batch week starting <paramref name="weekStart"/>: the newest in effect by then (version 1 for weeks before it).</summary>
    public AgreementVersion InForce(DateOnly weekStart) => Versions.LastOrDefault(v => v.EffectiveFrom <= weekStart) ?? Versions[0];
}

public enum ProposalOutcome
{
    Done,
    NotFound,
    NotOpen,
    /// <summary>The approver is on the proposing side: the other side's head must approve.</summary>
    SameSide,
}

/// <summary>
/// The agreement as versioned data. Version 1 is seeded from the settings once; after that a change
/// is a proposal from one side (marketing or sales; an admin proposes for one of them), approved or
/// declined by the other side. An approved change becomes the next version, effective from the
/// next batch week whose batch has not gone out: never the past. One proposal is open at a time;
/// declined and withdrawn ones are kept. Every step is audited with who, when and their browser.
/// </summary>
public sealed partial class AgreementService(
    AgreementStore store,
    AgreementApprovals approvals,
    AgreementCache cache,
    SalesTermsSeed salesSeed,
    SlaCalendar calendar,
    BatchLedger ledger,
    IOptions<SlaOptions> sla,
    IOptions<AgreementOptions> seed,
    TimeProvider time,
    ILogger<AgreementService> logger)
{
    public async Task<AgreementState> CurrentAsync(CancellationToken cancellationToken)
    {
        var versions = await store.VersionsAsync(cancellationToken);
        if (versions.Count == 0) versions = [await store.AddVersionAsync(await FirstVersionAsync(cancellationToken), cancellationToken)];
        versions = [.. versions.Select(v => v with { Terms = v.Terms.WithSalesTerms(salesSeed) with { DeadlineDay = v.Terms.DeadlineDay ?? sla.Value.DeadlineDay, DeadlineTime = v.Terms.DeadlineTime ?? sla.Value.DeadlineTime } })];
        var proposals = await store.ProposalsAsync(cancellationToken);
        var openId = await store.OpenIdAsync(cancellationToken);
        var open = proposals.FirstOrDefault(p => p.Id == openId && p.State == ProposalState.Open);
        // An approval cut short after its version was written: finish it now.
        if (open is not null && versions.FirstOrDefault(v => v.ProposalId == open.Id) is { } written)
        {
            await FinishApprovalAsync(open, written, cancellationToken);
            return await CurrentAsync(cancellationToken);
        }
        var state = new AgreementState(versions, open, proposals);
        cache.Use(state);
        return state;
    }

    /// <summary>The version in force for a batch week, from this instance's copy when it is fresh (see <see cref="AgreementCache"/>).</summary>
    public async Task<AgreementVersion> InForceAsync(DateOnly weekStart, CancellationToken cancellationToken) =>
        (cache.Fresh ? cache.State! : await CurrentAsync(cancellationToken)).InForce(weekStart);

    /// <summary>Reads the agreement again when this instance's copy is stale; for callers that then read <see cref="AgreementCache.State"/>.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (!cache.Fresh) await CurrentAsync(cancellationToken);
    }

    /// <summary>The week a change approved now takes effect from: the open window, whose batch has not gone out.</summary>
    public BatchWindow NextWeek() => calendar.WindowContaining(time.GetUtcNow());

    public async Task<(FieldErrors Errors, AgreementProposal? Proposal)> ProposeAsync(AgreementTerms terms, AgreementSide side, string by, string note, string? userAgent, CancellationToken cancellationToken)
    {
        var state = await CurrentAsync(cancellationToken);
        // Lists a caller leaves out (null) stay as they are.
        terms = terms with
        {
            RejectReasons = terms.RejectReasons ?? state.Latest.Terms.RejectReasons,
            Ladder = terms.Ladder ?? state.Latest.Terms.Ladder,
            DeadlineDay = terms.DeadlineDay ?? state.Latest.Terms.DeadlineDay,
            DeadlineTime = terms.DeadlineTime ?? state.Latest.Terms.DeadlineTime,
        };
        var errors = terms.Check();
        if (!calendar.DeadlineAfterBatch(terms.DeadlineDay!.Value, terms.DeadlineTime!.Value)) errors.Add("deadline", "AgreementDeadline");
        if (by.Trim().Length is 0 or > 200) errors.Add("by", "AgreementBy");
        if (errors.Count == 0 && state.Latest.Terms.Changes(terms).Count == 0) errors.Add("terms", "AgreementNoChange");
        if (errors.Count == 0 && state.Open is not null) errors.Add("proposal", "AgreementOneOpen");
        if (errors.Count > 0) return (errors, null);
        var now = time.GetUtcNow();
        var proposal = new AgreementProposal(Guid.CreateVersion7(now).ToString("N"), terms, side, by.Trim(), now, (note ?? "").Trim(), ProposalState.Open);
        if (!await store.TryOpenAsync(proposal.Id, cancellationToken))
        {
            errors.Add("proposal", "AgreementOneOpen");
            return (errors, null);
        }
        await store.SaveProposalAsync(proposal, cancellationToken);
        await store.AddEventAsync(new(now, "proposed", proposal.ProposedBy, proposal.Id, userAgent), cancellationToken);
        LogProposed(logger, proposal.Id, side.ToString());
        // The other side's heads are asked by email; what became of each is kept for the page to show.
        proposal = proposal with { Asked = await approvals.AskAsync(proposal, state.Latest.Terms, NextWeek().Id, cancellationToken) };
        await store.SaveProposalAsync(proposal, cancellationToken);
        return (errors, proposal);
    }

    /// <summary>
    /// The other side approves: the next version is written once under its number (a second
    /// approval racing this one, or this one retried after a lost answer, finds the same row and
    /// recognises it by the proposal's id), then the proposal is closed.
    /// </summary>
    public async Task<(ProposalOutcome Outcome, AgreementVersion? Version)> ApproveAsync(string proposalId, AgreementSide approver, string by, string? userAgent, CancellationToken cancellationToken)
    {
        var state = await CurrentAsync(cancellationToken);
        var proposal = state.Proposals.FirstOrDefault(p => p.Id == proposalId);
        if (proposal is null) return (ProposalOutcome.NotFound, null);
        if (proposal.State == ProposalState.Approved) return (ProposalOutcome.Done, state.Versions.FirstOrDefault(v => v.ProposalId == proposal.Id));
        if (proposal.State != ProposalState.Open) return (ProposalOutcome.NotOpen, null);
        if (approver == proposal.Side) return (ProposalOutcome.SameSide, null);
        var now = time.GetUtcNow();
        var next = new AgreementVersion(state.Latest.Number + 1, NextWeek().WeekStart, proposal.Terms, proposal.ProposedBy, by.Trim(), now, proposal.Note, proposal.Id);
        var stored = await store.AddVersionAsync(next, cancellationToken);
        if (stored.ProposalId != proposal.Id) return (ProposalOutcome.NotOpen, null); // another change took the number: this one is no longer current
        await store.AddEventAsync(new(now, "approved", by.Trim(), proposal.Id, userAgent), cancellationToken);
        await FinishApprovalAsync(proposal with { DecidedBy = by.Trim(), DecidedAt = now }, stored, cancellationToken);
        LogApproved(logger, proposal.Id, stored.Number, BatchWindow.IdOf(stored.EffectiveFrom));
        await CurrentAsync(cancellationToken); // this instance's copy has the new version at once
        return (ProposalOutcome.Done, stored);
    }

    /// <summary>The other side declines, or the proposing side withdraws: kept, closed, audited.</summary>
    public async Task<ProposalOutcome> CloseAsync(string proposalId, ProposalState how, AgreementSide actor, string by, string? userAgent, CancellationToken cancellationToken)
    {
        var state = await CurrentAsync(cancellationToken);
        var proposal = state.Proposals.FirstOrDefault(p => p.Id == proposalId);
        if (proposal is null) return ProposalOutcome.NotFound;
        if (proposal.State == how) return ProposalOutcome.Done;
        if (proposal.State != ProposalState.Open) return ProposalOutcome.NotOpen;
        // The other side declines; only the proposing side withdraws.
        if ((how == ProposalState.Declined) == (actor == proposal.Side)) return ProposalOutcome.SameSide;
        var now = time.GetUtcNow();
        await store.SaveProposalAsync(proposal with { State = how, DecidedBy = by.Trim(), DecidedAt = now }, cancellationToken);
        await store.CloseOpenAsync(proposal.Id, cancellationToken);
        await store.AddEventAsync(new(now, how.ToString().ToLowerInvariant(), by.Trim(), proposal.Id, userAgent), cancellationToken);
        return ProposalOutcome.Done;
    }

    public Task<IReadOnlyList<AgreementEvent>> HistoryAsync(CancellationToken cancellationToken) => store.EventsAsync(cancellationToken);

    private async Task FinishApprovalAsync(AgreementProposal proposal, AgreementVersion version, CancellationToken cancellationToken)
    {
        await store.SaveProposalAsync(proposal with { State = ProposalState.Approved, DecidedBy = proposal.DecidedBy ?? version.ApprovedBy, DecidedAt = proposal.DecidedAt ?? version.ApprovedAt, Version = version.Number }, cancellationToken);
        await store.CloseOpenAsync(proposal.Id, cancellationToken);
    }

    /// <summary>Version 1: the settings the deployment ran with, effective from its first batch on record (or the one due now).</summary>
    private async Task<AgreementVersion> FirstVersionAsync(CancellationToken cancellationToken)
    {
        var open = NextWeek();
        var recorded = await ledger.ListAsync("0000", open.Id, cancellationToken);
        // With no batch on record yet, the one due now (the first batch reads the agreement before it goes out).
        var first = recorded.Keys.Order(StringComparer.Ordinal).Select(calendar.WindowOf).FirstOrDefault(w => w is not null) ?? calendar.LatestClosedWindow(time.GetUtcNow());
        var s = seed.Value;
        var terms = new AgreementTerms(sla.Value.WeeklyTarget, s.QualityTarget, s.OnTimeTarget, Clean(s.Offers), Clean(s.Sectors), Clean(s.SizeBands),
            salesSeed.HotLaneHours, salesSeed.RejectReasons, salesSeed.Ladder, sla.Value.DeadlineDay, sla.Value.DeadlineTime);
        var errors = terms.Check();
        if (errors.Count > 0)
        {
            // Named, never fatal: the defaults stand in for a bad seed.
            LogBadSeed(logger, string.Join(", ", errors.Fields.Select(f => f == "hotLaneHours" ? "HotLane:DeadlineBusinessHours" : $"{AgreementOptions.SectionName}:{char.ToUpperInvariant(f[0])}{f[1..]}")));
            var defaults = new AgreementOptions();
            terms = new AgreementTerms(Math.Clamp(sla.Value.WeeklyTarget, 0, 100_000), errors.Fields.Contains("qualityTarget") ? defaults.QualityTarget : s.QualityTarget,
                errors.Fields.Contains("onTimeTarget") ? defaults.OnTimeTarget : s.OnTimeTarget, [], [], [],
                errors.Fields.Contains("hotLaneHours") ? 4 : salesSeed.HotLaneHours, salesSeed.RejectReasons, salesSeed.Ladder, sla.Value.DeadlineDay, sla.Value.DeadlineTime);
        }
        return new AgreementVersion(1, first.WeekStart, terms, "the settings", "the settings", time.GetUtcNow(), "Version 1: the terms this deployment started with.", null);
    }

    private static List<string> Clean(IEnumerable<string> values) => [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)];

    [LoggerMessage(Level = LogLevel.Information, EventName = "AgreementProposed", Message = "Agreement change {ProposalId} proposed by {Side}")]
    private static partial void LogProposed(ILogger logger, string proposalId, string side);

    [LoggerMessage(Level = LogLevel.Information, EventName = "AgreementApproved", Message = "Agreement change {ProposalId} approved as version {Version}, effective from {Week}")]
    private static partial void LogApproved(ILogger logger, string proposalId, int version, string week);

    [LoggerMessage(Level = LogLevel.Error, EventName = "AgreementBadSeed", Message = "The agreement's first version used defaults for settings that were out of range: {Settings}")]
    private static partial void LogBadSeed(ILogger logger, string settings);
}
