using Azure;
using Azure.Data.Tables;

namespace LeadHandoff.Leads;

/// <summary>
/// One decision in a lead's history: <c>D-{leadId}-{revision}</c> in the window's partition, written
/// in the same transaction as the lead, so the audit can never disagree with the lead.
/// </summary>
internal sealed class DecisionHistoryEntity : ITableEntity
{
    public const string RowPrefix = "D-";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string LeadId { get; set; } = "";
    public int Revision { get; set; }
    public string Decision { get; set; } = "";
    public string? Reason { get; set; }
    public string? Note { get; set; }
    public string DecidedBy { get; set; } = "";
    public DateTimeOffset DecidedAt { get; set; }
    public bool OnTime { get; set; }
    public string? PreviousDecision { get; set; }
    public string? PreviousReason { get; set; }
    public string? UserAgent { get; set; }

    public static string RowKeyOf(string leadId, int revision) => $"{RowPrefix}{leadId}-{revision:0000}";

    public DecisionHistory ToHistory() => new(PartitionKey, LeadId, Revision, Decision, Reason, Note, DecidedBy, DecidedAt, OnTime, PreviousDecision, PreviousReason, UserAgent);
}
