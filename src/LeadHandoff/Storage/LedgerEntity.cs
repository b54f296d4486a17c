using Azure;
using Azure.Data.Tables;

namespace LeadHandoff.Storage;

/// <summary>
/// The ledger of work that must happen once. Batch rows: PartitionKey "batch", RowKey the window id.
/// Message rows: PartitionKey "msg-{windowId}", RowKey the message key; one row per email, ever.
/// </summary>
public sealed class LedgerEntity : ITableEntity
{
    public const string BatchPartition = "batch";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Status { get; set; } = "";
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int Attempts { get; set; }
    public string? ProviderMessageId { get; set; }
    public string? Detail { get; set; }
    /// <summary>Batch rows: when the batch email went out and when sales must have decided.</summary>
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? DeadlineAt { get; set; }
    public int LeadCount { get; set; }

    public static string MessagePartition(string windowId) => "msg-" + windowId;
}
