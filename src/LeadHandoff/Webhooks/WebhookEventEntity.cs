using Azure;
using Azure.Data.Tables;

namespace LeadHandoff.Webhooks;

/// <summary>
/// <c>E-{eventId}</c> in the subscription's partition (<c>sub-{id}</c>): that the event was emitted
/// to the subscription, ever, and how its delivery ended. Written in one transaction with its
/// <see cref="WebhookPendingEntity"/>, so an emission is all or nothing and a second emission of the
/// same event (a retry, the reconciler) fails on this row and changes nothing. It holds no personal
/// data: the payload is built from the lead when it is sent, so erasure reaches it.
/// </summary>
internal sealed class WebhookEventEntity : ITableEntity
{
    public const string RowPrefix = "E-";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Type { get; set; } = "";
    public string WindowId { get; set; } = "";
    public string LeadId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The event's own facts as JSON (a decision's outcome and reason, a reassignment's owners): never personal data.</summary>
    public string Detail { get; set; } = "{}";
    /// <summary>Pending until delivered.</summary>
    public string State { get; set; } = "Pending";
    public int Attempts { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }

    public string EventId => RowKey[RowPrefix.Length..];

    public static string PartitionOf(string subscriptionId) => "sub-" + subscriptionId;
}
