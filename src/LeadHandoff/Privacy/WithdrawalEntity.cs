using Azure;
using Azure.Data.Tables;

namespace LeadHandoff.Privacy;

/// <summary>A pending withdrawal: PartitionKey "withdraw", RowKey the request id. The address itself is never stored, only its hash.</summary>
internal sealed class WithdrawalEntity : ITableEntity
{
    public const string Partition = "withdraw";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string EmailHash { get; set; } = "";
    public DateTimeOffset RequestedAt { get; set; }
}
