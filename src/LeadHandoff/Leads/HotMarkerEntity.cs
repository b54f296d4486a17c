using Azure;
using Azure.Data.Tables;

namespace LeadHandoff.Leads;

/// <summary>
/// <c>H-{leadId}</c> in the window's partition: a hot lead the lane still has work for (sending it,
/// or chasing it once its business-hours deadline passes). Written in the same transaction as the
/// lead, so a crash after the form was answered cannot lose the fast hand-off; removed once the lead
/// is decided, erased, chased, or delivered by its batch.
/// </summary>
internal sealed class HotMarkerEntity : ITableEntity
{
    public const string RowPrefix = "H-";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string LeadId => RowKey[RowPrefix.Length..];

    public static string RowKeyOf(string leadId) => RowPrefix + leadId;

    public static HotMarkerEntity For(string windowId, string leadId) => new() { PartitionKey = windowId, RowKey = RowKeyOf(leadId) };
}
