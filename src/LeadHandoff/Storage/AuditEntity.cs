using Azure;
using Azure.Data.Tables;

namespace LeadHandoff.Storage;

/// <summary>A privacy action on record: what, when, whose (hashed) and how much. No personal data.</summary>
public sealed class AuditEntity : ITableEntity
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
}
