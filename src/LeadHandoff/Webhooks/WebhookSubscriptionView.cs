
namespace LeadHandoff.Webhooks;

/// <summary>One subscription as the admins' page and JSON show it: its state, what waits, and its newest attempts.</summary>
public sealed record WebhookSubscriptionView(WebhookSubscription Subscription, WebhookSubscriptionState State, int Pending, IReadOnlyList<WebhookAttempt> Attempts);
