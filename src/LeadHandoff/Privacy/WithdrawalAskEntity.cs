using Azure;
using Azure.Data.Tables;

namespace LeadHandoff.Privacy;

/// <summary>
/// A withdrawal asked for and not yet looked at: PartitionKey "withdraw-ask", RowKey the address's
/// hash (asking twice before the sweep leaves one row). The address is sealed (encrypted with the
/// app's key) and the row is deleted once the sweep has handled it.
/// </summary>
internal sealed class WithdrawalAskEntity : ITableEntity
{
    public const string Partition = "withdraw-ask";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string SealedEmail { get; set; } = "";
    public string Language { get; set; } = "en";
    public DateTimeOffset AskedAt { get; set; }
}
