using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Webhooks;

/// <summary>
/// Puts events in each interested subscription's outbox. Called right after the change it reports
/// has been written; the reconciler re-derives what a crash between the two lost, so the change
/// itself never waits on, or fails because of, a subscriber.
/// </summary>
public sealed partial class WebhookEmitter(WebhookStore store, IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookEmitter> logger)
{
    public bool HasSubscriptions => options.Value.Subscriptions.Count > 0;

    /// <summary>Emits, and lets a storage failure through: for callers that retry as a whole.</summary>
    public async Task<int> EmitAsync(IEnumerable<WebhookEvent> events, CancellationToken cancellationToken)
    {
        if (!HasSubscriptions) return 0;
        var emitted = 0;
        foreach (var e in events)
        {
            foreach (var subscription in options.Value.Subscriptions.Where(s => s.Wants(e.Type)))
                if (await store.EmitAsync(subscription.Id, e, time.GetUtcNow(), cancellationToken)) emitted++;
        }
        return emitted;
    }

    /// <summary>Emits after a change that has already happened: a failure is logged and left to the reconciler.</summary>
    public async Task TryEmitAsync(IEnumerable<WebhookEvent> events, CancellationToken cancellationToken)
    {
        if (!HasSubscriptions) return;
        try
        {
            await EmitAsync(events, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogLeftToReconciler(logger, ex.GetType().Name);
        }
    }

    public Task TryEmitAsync(WebhookEvent e, CancellationToken cancellationToken) => TryEmitAsync([e], cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook events not emitted ({Reason}); the reconciler will emit them")]
    private static partial void LogLeftToReconciler(ILogger logger, string reason);
}
