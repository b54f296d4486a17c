using System.Security.Cryptography;
using System.Text;
using LeadHandoff.Email;
using LeadHandoff.Leads;
using LeadHandoff.Links;
using LeadHandoff.OwnerEmail;
using LeadHandoff.Team;
using LeadHandoff.Webhooks;
using LeadHandoff.Weeks;
using Microsoft.Extensions.Logging;

namespace LeadHandoff.Reassignment;

/// <summary>What a reassignment did: the leads moved, those left alone (decided, erased), and to whom.</summary>
public sealed record ReassignOutcome(int Moved, int Skipped, Owner To);

/// <summary>
/// The manager moves undecided leads to another rep: each lead's owner, undecided marker and
/// history change in one transaction (under the lead's version, so a decision landing meanwhile
/// wins and the lead stays put); the new owner gets one email with their new qualify links; the
/// old links answer "reassigned to …"; subscribers hear <c>lead.reassigned</c>. A decided lead
/// never moves: the scorecard credits the owner at the time of the decision.
/// </summary>
public sealed partial class ReassignmentService(
    LeadStore leads,
    BatchLedger batches,
    LeadRouter router,
    LinkBuilder links,
    EmailDelivery delivery,
    WebhookEmitter webhooks,
    SlaCalendar calendar,
    TimeProvider time,
    ILogger<ReassignmentService> logger)
{
    /// <summary>Null when <paramref name="toOwner"/> is not a rep available today (or the sales inbox).</summary>
    public async Task<ReassignOutcome?> ReassignAsync(BatchWindow window, IReadOnlyCollection<string> leadIds, string toOwner, string by, CancellationToken cancellationToken)
    {
        await router.RefreshAsync(cancellationToken);
        if (router.Find(toOwner) is not { } to || !router.CanOwn(toOwner)) return null;
        var batch = await batches.GetAsync(window.Id, cancellationToken);
        window = window with { DeadlineAt = batch?.DeadlineAt ?? window.DeadlineAt };
        var now = time.GetUtcNow();
        var moved = new List<Lead>();
        var from = new SortedSet<string>(StringComparer.Ordinal);
        var skipped = 0;
        foreach (var leadId in leadIds.Distinct(StringComparer.Ordinal))
        {
            var done = false;
            for (var attempt = 0; attempt < 5 && !done; attempt++)
            {
                var current = await leads.GetVersionedAsync(window.Id, leadId, cancellationToken);
                if (current is not { Lead: { Decision: null, Anonymised: false } lead, Version: var version })
                {
                    skipped++;
                    done = true;
                    continue;
                }
                if (lead.OwnerId == toOwner)
                {
                    moved.Add(lead); // already moved: a retry of this very reassignment
                    done = true;
                    continue;
                }
                var fromName = lead.OwnerId is { } old ? router.Find(old)?.Name ?? old : "no one";
                // Said before the change: a reassignment leaves nothing the reconciler could derive it from.
                await webhooks.EmitAsync([WebhookEvent.Reassigned(window.Id, leadId, lead.OwnerId ?? "", toOwner, now)], cancellationToken);
                var line = $"{now:yyyy-MM-dd HH:mm} UTC: {fromName} to {to.Name}, by the {by}";
                if (await leads.TryReassignAsync(window.Id, leadId, version, toOwner, line, now, cancellationToken))
                {
                    moved.Add(lead with { OwnerId = toOwner });
                    from.Add(fromName);
                    done = true;
                }
            }
            if (!done) skipped++;
        }

        if (moved.Count > 0)
        {
            var ids = string.Join(",", moved.Select(l => l.Id).Order(StringComparer.Ordinal));
            var key = $"reassigned-{toOwner}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ids)))[..16]}";
            var cards = moved.Select(l => new BatchLead(l, null, links.Qualify(window.Id, l.Id, toOwner))).ToList();
            await delivery.SendAsync(Guid.NewGuid().ToString("N"), "team-" + window.Id, key, id => Task.FromResult<EmailMessage?>(
                ReassignedLeadsEmail.Compose(id, window, to, cards, links.Batch(window.Id, toOwner), from.Count == 0 ? null : string.Join(", ", from), by, calendar.TimeZone)), cancellationToken);
        }
        LogReassigned(logger, window.Id, moved.Count, skipped, toOwner, by);
        return new ReassignOutcome(moved.Count, skipped, to);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {WindowId}: {Moved} leads reassigned ({Skipped} left alone) to {OwnerId} by the {By}")]
    private static partial void LogReassigned(ILogger logger, string windowId, int moved, int skipped, string ownerId, string by);
}
