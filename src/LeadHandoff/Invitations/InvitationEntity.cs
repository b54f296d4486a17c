using Azure;
using Azure.Data.Tables;

namespace LeadHandoff.Invitations;

/// <summary>
/// The one open invitation of a roster member: PartitionKey "invitation", RowKey the member's id,
/// in the Team table. A new invitation replaces it (the old link stops working); accepting deletes it.
/// </summary>
internal sealed class InvitationEntity : ITableEntity
{
    public const string Partition = "invitation";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The random id the emailed link carries; only the newest link's matches.</summary>
    public string Nonce { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
}
