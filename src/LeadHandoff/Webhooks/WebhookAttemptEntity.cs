using Azure;
using Azure.Data.Tables;

namespace LeadHandoff.Webhooks;

/// <summary>
/// <c>A-{inverted ticks}-{eventId}</c>: one delivery attempt, for the admins' delivery log. The
/// inverted time makes a plain range query return the newest first.
/// </summary>
internal sealed class WebhookAttemptEntity : ITableEntity
{
    public const string RowPrefix = "A-";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string EventId { get; set; } = "";
    public string Type { get; set; } = "";
    public int Attempt { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The receiver's HTTP status; 0 when there was no answer.</summary>
    public int Status { get; set; }
    public string Outcome { get; set; } = "";
    public double Milliseconds { get; set; }

    public static string RowKeyOf(DateTimeOffset at, string eventId) => $"{RowPrefix}{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}-{eventId}";
}
