using Azure;
using Azure.Data.Tables;

namespace LeadHandoff.Leads;

/// <summary>
/// <c>U-{leadId}</c> in the window's partition: a lead handed to sales and not yet decided. Written
/// with the owner assignment at batch time, removed by the first decision, so the deadline check
/// reads only what is still open, however much history the table holds.
/// </summary>
internal sealed class UndecidedEntity : ITableEntity
{
    public const string RowPrefix = "U-";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string OwnerId { get; set; } = "";

    public string LeadId => RowKey[RowPrefix.Length..];

    public static string RowKeyOf(string leadId) => RowPrefix + leadId;

    public UndecidedMarker ToMarker() => new(LeadId, OwnerId);
}
