using Azure;
using Azure.Data.Tables;

namespace LeadHandoff.Storage;

/// <summary>
/// Where a person's leads are, without a scan: PartitionKey is the email hash, RowKey each window
/// they submitted in. Within that window, the <see cref="EmailIndexEntity"/> names the lead.
/// </summary>
public sealed class PersonIndexEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
}
