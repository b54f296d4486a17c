using Azure;
using Azure.Data.Tables;

namespace LeadHandoff.Privacy;

/// <summary>When a withdrawal email last went to an address: PartitionKey "withdraw-sent", RowKey its hash. At most one a day.</summary>
internal sealed class WithdrawalSentEntity : ITableEntity
{
    public const string Partition = "withdraw-sent";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset SentAt { get; set; }
}
