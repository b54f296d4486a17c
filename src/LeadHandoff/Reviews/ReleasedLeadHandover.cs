using LeadHandoff.Email;
using LeadHandoff.Leads;
using LeadHandoff.Links;
using LeadHandoff.OwnerEmail;
using LeadHandoff.Team;
using LeadHandoff.Weeks;

namespace LeadHandoff.Reviews;

/// <summary>Who a released lead went to, and by when it is due.</summary>
public sealed record Handover(Owner Owner, DateTimeOffset DueBy);

/// <summary>
/// A release's last step when the lead's batch has gone: give the lead its owner and email them
/// once ("Released from review", with its qualify link), due by its week's deadline.
/// </summary>
public sealed class ReleasedLeadHandover(
    LeadStore leads,
    BatchLedger ledger,
    LeadRouter router,
    LinkBuilder links,
    EmailDelivery delivery,
    SlaCalendar calendar,
    TimeProvider time)
{
    public static string ReleasedKey(string leadId) => "released-" + leadId;

    /// <summary>Gives the lead an owner (keeping one it has) and emails that owner once; null when there is nothing to hand over.</summary>
    public async Task<Handover?> HandToOwnerAsync(string windowId, string leadId, CancellationToken cancellationToken)
    {
        var lead = await leads.GetAsync(windowId, leadId, cancellationToken);
        if (lead is null || lead.Anonymised) return null; // erased in the meantime: nothing of theirs goes out
        await router.RefreshAsync(cancellationToken);
        var ownerId = lead.OwnerId is { } current && router.Find(current) is not null
            ? current
            : router.Route([(lead.Id, lead.Details, null)])[lead.Id];
        var owner = router.Find(ownerId)!;
        var now = time.GetUtcNow();
        if (ownerId != lead.OwnerId)
        {
            var undecided = lead.Decision is null ? new HashSet<string> { lead.Id } : [];
            await leads.AssignOwnersAsync(windowId, new Dictionary<string, string> { [lead.Id] = ownerId }, undecided, now, cancellationToken);
        }
        var window = calendar.WindowOf(windowId)!;
        // A batch that has gone carries the deadline it was sent with (later when it went late).
        if (await ledger.GetAsync(windowId, cancellationToken) is { DeadlineAt: { } deadline }) window = window with { DeadlineAt = deadline };
        if (lead.Decision is not null) return new Handover(owner, window.DeadlineAt); // merged into a lead already decided

        var item = new BatchLead(lead with { OwnerId = ownerId }, null, links.Qualify(windowId, lead.Id, ownerId));
        await delivery.SendAsync(Guid.NewGuid().ToString("N"), windowId, ReleasedKey(lead.Id),
            id => Task.FromResult<EmailMessage?>(ReleasedLeadEmail.Compose(id, window, owner, item, links.Batch(windowId, ownerId), calendar.TimeZone)), cancellationToken);
        return new Handover(owner, window.DeadlineAt);
    }
}
