namespace LeadHandoff.Webhooks;

/// <summary>The event types a subscription can ask for; each has a JSON Schema in <c>docs/webhooks/</c>.</summary>
public static class WebhookEventTypes
{
    public const string Received = "lead.received";
    public const string Delivered = "lead.delivered";
    public const string Decided = "lead.decided";
    public const string Reassigned = "lead.reassigned";
    public const string Erased = "lead.erased";

    public static readonly IReadOnlyList<string> All = [Received, Delivered, Decided, Reassigned, Erased];
}
