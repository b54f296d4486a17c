using LeadHandoff.Webhooks;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LeadHandoff.Functions.Webhooks;

/// <summary>
/// The webhook safety net (<c>WebhookReconcileSchedule</c>, default every 15 minutes): emits any
/// event the recent weeks' state implies but a subscription lacks, such as one a crash lost.
/// </summary>
public sealed partial class ReconcileWebhooks(WebhookReconciler reconciler, ILogger<ReconcileWebhooks> logger)
{
    [Function(nameof(ReconcileWebhooks))]
    public async Task Run([TimerTrigger("%WebhookReconcileSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var emitted = await reconciler.RunAsync(cancellationToken);
        if (emitted > 0) LogFound(logger, emitted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook reconciler emitted {Emitted} events that had been missing")]
    private static partial void LogFound(ILogger logger, int emitted);
}
