using Azure;
using Azure.Data.Tables;

namespace LeadHandoff.Weeks;

/// <summary>
/// A batch's row in the Ledger table: PartitionKey "batch", RowKey the window id (or
/// <c>open-{window}</c> while its deadline work runs). <see cref="RunId"/> is the claiming run's token.
/// </summary>
internal sealed class BatchEntity : ITableEntity
{
    public const string Partition = "batch";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Status { get; set; } = "";
    public string RunId { get; set; } = "";
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int Attempts { get; set; }
    /// <summary>What is missing when the batch finished without every owner's email delivered.</summary>
    public string? Detail { get; set; }
    /// <summary>When the batch email went out and when sales must have decided: fixed at the first claim.</summary>
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? DeadlineAt { get; set; }
    public int LeadCount { get; set; }
}
