using Azure;
using Azure.Data.Tables;

namespace LeadHandoff.Privacy;

/// <summary>How far a retention pass has got: PartitionKey "retention", RowKey the kind of pass, and the next window to look at.</summary>
internal sealed class WatermarkEntity : ITableEntity
{
    public const string Partition = "retention";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string NextWindowId { get; set; } = "";
    public DateTimeOffset? MovedAt { get; set; }
}
