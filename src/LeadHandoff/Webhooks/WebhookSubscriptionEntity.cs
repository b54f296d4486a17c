using Azure;
using Azure.Data.Tables;

namespace LeadHandoff.Webhooks;

/// <summary><c>state</c>: whether the subscription is on, and since when it has been failing.</summary>
internal sealed class WebhookSubscriptionEntity : ITableEntity
{
    public const string StateRow = "state";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = StateRow;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public bool Disabled { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }
    public string? DisabledReason { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
    /// <summary>The first failure since the last success; null while it is healthy.</summary>
    public DateTimeOffset? FailingSince { get; set; }
}
