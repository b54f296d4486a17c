using LeadHandoff.Webhooks;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LeadHandoff.Functions.Webhooks;

/// <summary>The webhook heartbeat (<c>WebhookSchedule</c>, default every minute): delivers what is due, retries what failed.</summary>
public sealed partial class DeliverWebhooks(WebhookDispatcher dispatcher, ILogger<DeliverWebhooks> logger)
{
    [Function(nameof(DeliverWebhooks))]
    public async Task Run([TimerTrigger("%WebhookSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await dispatcher.RunAsync(cancellationToken);
        if (result.Delivered + result.Failed > 0) LogRun(logger, result.Delivered, result.Failed, result.Disabled);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhooks: {Delivered} delivered, {Failed} failed (retried later), {Disabled} subscriptions disabled")]
    private static partial void LogRun(ILogger logger, int delivered, int failed, int disabled);
}
