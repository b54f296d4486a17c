using LeadHandoff.Webhooks;

namespace LeadHandoff.Functions.Webhooks;

/// <summary>A subscription as the admins' JSON shows it.</summary>
public static class WebhookJson
{
    public static object Of(WebhookSubscriptionView v) => new
    {
        id = v.Subscription.Id,
        url = v.Subscription.Url,
        events = v.Subscription.Events.Count == 0 ? WebhookEventTypes.All : v.Subscription.Events,
        enabled = !v.State.Disabled,
        disabledAt = v.State.DisabledAt,
        disabledReason = v.State.DisabledReason,
        lastSuccessAt = v.State.LastSuccessAt,
        failingSince = v.State.FailingSince,
        pending = v.Pending,
        attempts = v.Attempts.Select(a => new { eventId = a.EventId, type = a.Type, attempt = a.Attempt, at = a.At, status = a.Status, outcome = a.Outcome, milliseconds = Math.Round(a.Milliseconds, 1) }),
    };
}
