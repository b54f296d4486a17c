using Azure;
using Azure.Data.Tables;

namespace LeadHandoff.Webhooks;

/// <summary><c>P-{eventId}</c>: an event still to deliver to the subscription, and when to try next. Deleted with the successful attempt.</summary>
internal sealed class WebhookPendingEntity : ITableEntity
{
    public const string RowPrefix = "P-";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? FirstFailedAt { get; set; }

    public string EventId => RowKey[RowPrefix.Length..];
}
