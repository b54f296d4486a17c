using LeadHandoff.Leads;
using LeadHandoff.Weeks;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Webhooks;

/// <summary>
/// The safety net under emission: re-derives the events the recent weeks' state implies (every
/// lead received; delivered once its batch finished; its current decision; erased) and emits any a
/// subscription lacks, such as one lost to a crash between a change and its emission. Event ids are
/// derived from the facts, so what was emitted already is recognised and left alone. A reassignment
/// leaves no trace to derive it from, so it is emitted before the change it reports instead.
/// It also applies the delivery log's retention (<see cref="WebhookOptions.LogDays"/>).
/// </summary>
public sealed class WebhookReconciler(
    WebhookEmitter emitter,
    WebhookStore store,
    LeadStore leads,
    BatchLedger batches,
    SlaCalendar calendar,
    IOptions<WebhookOptions> options,
    TimeProvider time)
{
    /// <summary>Weeks looked at: the open one and the two before it (a decision can come a week after its batch).</summary>
    public const int Weeks = 3;

    /// <returns>The events emitted now, which had been missing.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (!emitter.HasSubscriptions) return 0;
        var now = time.GetUtcNow();
        var current = calendar.WindowContaining(now);
        var emitted = 0;
        for (var back = Weeks - 1; back >= 0; back--)
        {
            var window = calendar.WindowOf(current.WeekStart.AddDays(-7 * back));
            var batch = await batches.GetAsync(window.Id, cancellationToken);
            var events = new List<WebhookEvent>();
            await foreach (var lead in leads.ListAsync(window.Id, cancellationToken))
            {
                events.Add(WebhookEvent.Received(window.Id, lead.Id, lead.FirstReceivedAt));
                if (lead.OwnerId is { } owner && (batch is { IsFinished: true, SentAt: not null } || lead.Hot is not null))
                    events.Add(WebhookEvent.Delivered(window.Id, lead.Id, owner, lead.Hot?.At ?? batch!.SentAt!.Value));
                if (lead.Decision is { } decision) events.Add(WebhookEvent.Decided(window.Id, lead.Id, decision));
                if (lead.Anonymised) events.Add(WebhookEvent.Erased(window.Id, lead.Id, now));
            }
            foreach (var subscription in options.Value.Subscriptions)
            {
                var have = await store.EmittedAsync(subscription.Id, window.Id, cancellationToken);
                foreach (var e in events.Where(e => subscription.Wants(e.Type) && !have.Contains(e.Id)))
                    if (await store.EmitAsync(subscription.Id, e, now, cancellationToken)) emitted++;
            }
        }
        // The log's retention, here because this is the outbox's own maintenance run.
        var before = now - TimeSpan.FromDays(options.Value.LogDays);
        foreach (var subscription in options.Value.Subscriptions)
            await store.PruneAsync(subscription.Id, before, calendar.WindowContaining(before).Id, cancellationToken);
        return emitted;
    }
}
