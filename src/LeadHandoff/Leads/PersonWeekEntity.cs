using Azure;
using Azure.Data.Tables;

namespace LeadHandoff.Leads;

/// <summary>
/// Where a person's leads are, without a scan: one row per person and week, written when the week's
/// batch goes out, not on the form's request path. The partition is the first hex digit of the
/// email hash (16 buckets), so a batch writes its people in entity-group transactions of up to 100
/// rows (16 for a week of 100 leads, about 110 for 10,000), and one person's weeks are still a
/// single range query in one partition.
/// </summary>
internal sealed class PersonWeekEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public static string BucketOf(string emailHash) => emailHash[..1];

    public static string RowKeyOf(string emailHash, string windowId) => $"{emailHash}_{windowId}";

    public static PersonWeekEntity For(string emailHash, string windowId) => new() { PartitionKey = BucketOf(emailHash), RowKey = RowKeyOf(emailHash, windowId) };

    /// <summary>Every row of one person: <c>{hash}_</c> up to, not including, <c>{hash}`</c> ('`' follows '_').</summary>
    public static string PersonFilter(string emailHash, string? before = null) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {BucketOf(emailHash)} and RowKey ge {emailHash + "_"} and RowKey lt {(before is null ? emailHash + "`" : RowKeyOf(emailHash, before))}");

    public string WindowId => RowKey[(RowKey.IndexOf('_') + 1)..];
}
