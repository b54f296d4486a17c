using Azure;
using Azure.Data.Tables;

namespace LeadHandoff.Leads;

/// <summary>
/// Dedupe key within a window: <c>E-{emailHash}</c> → lead id. Inserted in the same transaction as
/// the lead, so two concurrent first submissions cannot both create a lead.
/// </summary>
internal sealed class EmailIndexEntity : ITableEntity
{
    public const string RowPrefix = "E-";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string LeadId { get; set; } = "";

    public static string RowKeyOf(string emailHash) => RowPrefix + emailHash;
}
