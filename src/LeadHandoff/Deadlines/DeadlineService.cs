using LeadHandoff.Email;
using LeadHandoff.Leads;
using LeadHandoff.Links;
using LeadHandoff.OwnerEmail;
using LeadHandoff.Team;
using LeadHandoff.Weeks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Deadlines;

/// <summary>
/// Chases what is undecided once a batch's deadline passes. Each heartbeat reads the open batches and
/// their undecided markers only, sends every step now due once per recipient (composed from the
/// leads as they are at that moment), and after the last step marks what is left as unworked.
/// </summary>
public sealed partial class DeadlineService(
    SlaCalendar calendar,
    EscalationLadder ladder,
    Agreement.AgreementService agreement,
    BatchLedger ledger,
    MessageLedger messages,
    LeadStore store,
    LeadRouter router,
    LinkBuilder links,
    EmailDelivery delivery,
    IOptions<EmailOptions> email,
    TimeProvider time,
    ILogger<DeadlineService> logger)
{
    public async Task<DeadlineRunResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var open = await ledger.ListOpenBatchesAsync(cancellationToken);
        var runId = Guid.NewGuid().ToString("N");
        int sent = 0, closed = 0;
        foreach (var batch in open)
        {
            var window = calendar.WindowOf(batch.WindowId);
            if (window is null) continue;
            window = window with { DeadlineAt = batch.DeadlineAt }; // the deadline the batch was sent with
            // The ladder of the agreement's version that grades this week: a later change never reaches back.
            var terms = (await agreement.InForceAsync(window.WeekStart, cancellationToken)).Terms;
            var steps = ladder.For(window.DeadlineAt, [.. terms.Steps.Select(EscalationOptions.FromTerms)]);
            var due = steps.Where(s => s.DueAt <= now).ToList();
            if (due.Count == 0) continue;

            await router.RefreshAsync(cancellationToken); // only when a step is due: who is away decides who is chased
            var settled = (await messages.ListAsync(window.Id, cancellationToken)).Where(m => m.IsSettled).Select(m => m.Key).ToHashSet();
            var markers = new List<UndecidedMarker>();
            await foreach (var marker in store.ListUndecidedAsync(window.Id, cancellationToken)) markers.Add(marker);

            var allSettled = true;
            foreach (var step in due)
            {
                foreach (var (key, compose) in Messages(window, step, markers, cancellationToken))
                {
                    if (settled.Contains(key)) continue;
                    var state = await delivery.SendAsync(runId, window.Id, key, compose, cancellationToken);
                    if (state == MessageState.Sent) sent++;
                    if (state is null or MessageState.Deferred or MessageState.Unknown or MessageState.Claimed or MessageState.Handing) allSettled = false;
                }
            }

            if (due.Count == steps.Count && allSettled)
            {
                var stillOpen = await CurrentUndecidedAsync(window.Id, markers, cancellationToken);
                await store.MarkUnworkedAsync(window.Id, stillOpen.Select(l => l.Id), cancellationToken);
                await ledger.CloseBatchAsync(window.Id, cancellationToken);
                LogClosed(logger, window.Id, stillOpen.Count);
                closed++;
            }
        }
        return new DeadlineRunResult(open.Count, sent, closed);
    }

    /// <summary>Ledger key and composer for each recipient of a step.</summary>
    private IEnumerable<(string Key, Func<string, Task<EmailMessage?>> Compose)> Messages(BatchWindow window, DueStep step, List<UndecidedMarker> markers, CancellationToken cancellationToken)
    {
        if (step.Step.Recipient == RecipientKind.Owner)
        {
            foreach (var ownerId in markers.Select(m => m.OwnerId).Distinct().Order(StringComparer.Ordinal))
            {
                // An owner who is away, or has left the team, is not chased into an empty inbox:
                // their backup is, or failing one, the sales manager; the email says whose leads they are.
                var owner = router.Find(ownerId);
                var present = owner is not null && router.IsAvailable(ownerId);
                var recipient = present ? owner! : router.Cover(ownerId) ?? new Owner("manager", "Sales manager", email.Value.SalesManagerEmail);
                var absentName = owner?.Name ?? ownerId;
                yield return ($"step{step.Index}-owner-{ownerId}", async id =>
                {
                    var leads = await CurrentUndecidedAsync(window.Id, markers.Where(m => m.OwnerId == ownerId), cancellationToken);
                    if (leads.Count == 0) return null;
                    var reminder = DeadlineEmails.Reminder(id, window, recipient,
                        leads.Select(l => new UndecidedLead(l, links.Qualify(window.Id, l.Id, ownerId))).ToList(),
                        links.Batch(window.Id, ownerId), time.GetUtcNow(), calendar.TimeZone);
                    var t = OwnerEmailText.For(recipient.Language);
                    return present ? reminder : reminder.WithNotice(t["CoverNote", absentName, t[owner is null ? "CoverGone" : "CoverAway"]]);
                });
            }
            yield break;
        }

        var (to, cc, key) = step.Step.Recipient switch
        {
            RecipientKind.Manager => (email.Value.SalesManagerEmail, new[] { email.Value.MarketingLeadEmail }, "manager"),
            RecipientKind.MarketingLead => (email.Value.MarketingLeadEmail, [], "marketing"),
            _ => (step.Step.Address!.Trim(), Array.Empty<string>(), "address-" + EmailHash.Of(step.Step.Address!.Trim().ToLowerInvariant())[..12]),
        };
        yield return ($"step{step.Index}-{key}", async id =>
        {
            var leads = await CurrentUndecidedAsync(window.Id, markers, cancellationToken);
            if (leads.Count == 0) return null;
            var byOwner = leads.GroupBy(l => l.OwnerId ?? "")
                .Select(g => (router.Find(g.Key) ?? new Owner(g.Key, g.Key, ""), (IReadOnlyList<UndecidedLead>)g.Select(l => new UndecidedLead(l, links.Qualify(window.Id, l.Id, g.Key))).ToList()))
                .ToList();
            return DeadlineEmails.Escalation(id, window, byOwner, [to], cc, time.GetUtcNow(), calendar.TimeZone, links.Team(window.Id), router.LanguageOf([to, .. cc]));
        });
    }

    /// <summary>
    /// The marked leads as they are now. A marker can outlive its lead's decision by a moment (it is
    /// dropped after the decision's write), so the lead itself decides; stale markers are dropped here.
    /// </summary>
    private async Task<List<Lead>> CurrentUndecidedAsync(string windowId, IEnumerable<UndecidedMarker> markers, CancellationToken cancellationToken)
    {
        var result = new List<Lead>();
        foreach (var marker in markers)
        {
            var lead = await store.GetAsync(windowId, marker.LeadId, cancellationToken);
            if (lead is { Decision: null, Anonymised: false }) result.Add(lead);
            else await store.RemoveUndecidedAsync(windowId, marker.LeadId, cancellationToken);
        }
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {WindowId} closed after its last escalation step; {Unworked} leads marked unworked")]
    private static partial void LogClosed(ILogger logger, string windowId, int unworked);
}
