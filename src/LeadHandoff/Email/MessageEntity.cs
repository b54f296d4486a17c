using Azure;
using Azure.Data.Tables;

namespace LeadHandoff.Email;

/// <summary>
/// One email's row in the Ledger table: PartitionKey <c>msg-{windowId}</c>, RowKey the message key.
/// <see cref="RunId"/> is the writer token: after a lost response, a run recognises its own write.
/// </summary>
internal sealed class MessageEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Status { get; set; } = "";
    public string RunId { get; set; } = "";
    public DateTimeOffset? ClaimedAt { get; set; }
    /// <summary>When the latest copy was handed to the provider.</summary>
    public DateTimeOffset? HandedAt { get; set; }
    /// <summary>When the copy before it was handed over, for the possible-repeat notice.</summary>
    public DateTimeOffset? PreviousHandedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Runs that took the message up (a deferred one is retried by later runs).</summary>
    public int Attempts { get; set; }
    /// <summary>Copies handed to the provider.</summary>
    public int Sends { get; set; }
    /// <summary>Earlier copies whose delivery could not be confirmed (a run died handing them over, or the answer was lost).</summary>
    public int Unconfirmed { get; set; }
    public string? ProviderMessageId { get; set; }
    public string? Detail { get; set; }

    public static string PartitionOf(string windowId) => "msg-" + windowId;
}
