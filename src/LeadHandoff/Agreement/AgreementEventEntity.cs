using Azure;
using Azure.Data.Tables;

namespace LeadHandoff.Agreement;

/// <summary>One audited step: PartitionKey "event", RowKey time-ordered and unique; never changed.</summary>
internal sealed class AgreementEventEntity : ITableEntity
{
    public const string Partition = "event";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset At { get; set; }
    public string What { get; set; } = "";
    public string By { get; set; } = "";
    public string ProposalId { get; set; } = "";
    public string? UserAgent { get; set; }
}
