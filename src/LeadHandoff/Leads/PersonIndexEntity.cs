using Azure;
using Azure.Data.Tables;

namespace LeadHandoff.Leads;

/// <summary>
/// The first person index, written by the intake on the request path (table <c>People</c>):
/// PartitionKey the email hash, RowKey each window. No longer written; erasure and export still
/// read it (and erasure and retention delete from it) until the weeks it names have aged out.
/// <see cref="PersonWeekEntity"/> replaced it.
/// </summary>
internal sealed class PersonIndexEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
}
