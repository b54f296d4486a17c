using System.Collections.Concurrent;
using LeadHandoff.Leads;
using LeadHandoff.Links;
using LeadHandoff.OwnerEmail;
using LeadHandoff.Team;
using LeadHandoff.Webhooks;
using LeadHandoff.Weeks;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Batches;

/// <summary>
/// The batch's first step and its account: reads a window's leads, gives each an owner (stored, and
/// said to the CRM when it changes), finds earlier leads of the same people; then sums up what was
/// sent for the Monday summary.
/// </summary>
public sealed class BatchPreparation(
    Agreement.AgreementService agreement,
    LeadStore leads,
    LeadRouter router,
    LinkBuilder links,
    WebhookEmitter webhooks,
    IOptions<BatchOptions> options)
{
    /// <summary>Reads the window's leads, gives each an owner (stored), and finds earlier leads of the same people.</summary>
    public async Task<PreparedBatch> PrepareAsync(BatchWindow window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var all = new List<Lead>();
        var erased = 0;
        await foreach (var lead in leads.ListAsync(window.Id, cancellationToken))
        {
            // A person erased before the batch is not a lead any more: no blank rows, counts or links.
            if (lead.Anonymised) erased++;
            else all.Add(lead);
        }

        var flagged = new List<FlaggedSubmission>();
        await foreach (var item in leads.ListFlaggedAsync(window.Id, cancellationToken)) flagged.Add(item);
        // The week's people go into the person index now, off the form's request path: erasure,
        // export and later weeks' "seen before" find them through it from here on.
        await leads.IndexPeopleAsync(window.Id,
            all.Select(l => EmailHash.Of(l.Details.Email)).Concat(flagged.Select(FlaggedEntity.EmailOf).OfType<string>().Select(EmailHash.Of)),
            cancellationToken);

        // An owner who has left the team, or is away, gets no batch: their undecided leads are routed
        // again (a decided lead keeps the owner who decided it).
        var current = all.ToDictionary(l => l.Id, l => l.OwnerId is { } id && (l.Decision is not null || router.IsAvailable(id)) ? id : null);
        var routes = router.Route(all.Select(l => (l.Id, l.Details, current[l.Id])));
        var changed = routes.Where(r => current[r.Key] != r.Value).ToDictionary();
        // A lead whose owner left is reassigned: said before the change, since nothing derives it after.
        var byId = all.ToDictionary(l => l.Id);
        await webhooks.EmitAsync(changed.Where(c => byId[c.Key].OwnerId is not null)
            .Select(c => WebhookEvent.Reassigned(window.Id, c.Key, byId[c.Key].OwnerId!, c.Value, now)), cancellationToken);
        if (changed.Count > 0) await leads.AssignOwnersAsync(window.Id, changed, all.Where(l => l.Decision is null).Select(l => l.Id).ToHashSet(), now, cancellationToken);

        var earlier = new ConcurrentDictionary<string, Lead?>();
        await Parallel.ForEachAsync(all, new ParallelOptions { MaxDegreeOfParallelism = options.Value.LookupConcurrency, CancellationToken = cancellationToken },
            async (lead, ct) => earlier[lead.Id] = await leads.FindEarlierAsync(lead.Details.Email, window.Id, ct));

        var byOwner = all
            .GroupBy(l => routes[l.Id])
            .Select(g => (Owner: router.Find(g.Key)!, Leads: g.Select(l => new BatchLead(l with { OwnerId = g.Key }, earlier[l.Id], links.Qualify(window.Id, l.Id, g.Key))).ToList()))
            .OrderBy(g => g.Owner.Id, StringComparer.Ordinal)
            .ToList();
        return new PreparedBatch(all.Count, erased, byOwner, flagged);
    }

    /// <summary>What the Monday summary says of a sent batch: against the target, by segment and owner, what was held back, and what did not arrive.</summary>
    public async Task<BatchSummary> SummarizeAsync(BatchWindow window, PreparedBatch batch, bool late, IReadOnlyList<string> undelivered, IReadOnlyList<string> rerouted, CancellationToken cancellationToken)
    {
        int spam = 0, quarantined = 0, awaiting = 0, released = 0;
        var byReason = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var flagged in batch.Flagged)
        {
            // Released before the batch: a lead in it now, not something kept from sales.
            if (flagged.Review == ReviewState.Released) { released++; continue; }
            if (flagged.Review is ReviewState.Open or ReviewState.Releasing) awaiting++;
            if (flagged.Kind == FlagKind.Spam) spam++;
            else quarantined++;
            byReason[flagged.Reason] = byReason.GetValueOrDefault(flagged.Reason) + 1;
        }
        var all = batch.ByOwner.SelectMany(o => o.Leads).ToList();
        // Measured against the agreement's version in force for this batch, on the leads its definition counts.
        var terms = (await agreement.CurrentAsync(cancellationToken)).InForce(window.WeekStart).Terms;
        return new BatchSummary(
            window,
            terms.WeeklyTarget,
            batch.Count,
            all.GroupBy(l => (l.Lead.Details.Segment.Sector, l.Lead.Details.Segment.SizeBand)).ToDictionary(g => g.Key, g => g.Count()),
            batch.ByOwner.Select(o => (o.Owner.Name, o.Leads.Count)).ToList(),
            spam,
            quarantined)
        {
            FlaggedByReason = byReason,
            AwaitingReview = awaiting,
            ReleasedFromReview = released,
            ReviewUrl = links.Review(window.Id),
            RosterProblems = router.RosterProblems,
            ErasedBeforeDelivery = batch.Erased,
            SentLate = late,
            Undelivered = undelivered,
            Rerouted = rerouted,
            OutOfDefinition = all.Count(l => !terms.Counts(l.Lead.Details.Source.Offer, l.Lead.Details.Segment.Sector, l.Lead.Details.Segment.SizeBand)),
        };
    }
}
