using Azure;
using Azure.Data.Tables;
using LeadHandoff.Leads;

namespace LeadHandoff.Privacy;

/// <summary>A privacy action on record: what, when, whose (hashed) and how much. No personal data.</summary>
internal sealed class AuditEntity : ITableEntity
{
    public const string PrivacyPartition = "privacy";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Action { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string EmailHash { get; set; } = "";
    public int Weeks { get; set; }
    public int Leads { get; set; }
    public int Submissions { get; set; }
    public int IndexRows { get; set; }

    /// <summary>Newest first in its partition: row keys count down from the end of time.</summary>
    public static AuditEntity From(AuditRecord record) => new()
    {
        PartitionKey = PrivacyPartition,
        RowKey = $"{DateTimeOffset.MaxValue.UtcTicks - record.At.UtcTicks:D19}-{Guid.NewGuid():N}",
        Action = record.Action,
        At = record.At,
        EmailHash = record.EmailHash,
        Weeks = record.Weeks,
        Leads = record.Leads,
        Submissions = record.Submissions,
        IndexRows = record.IndexRows,
    };
}
