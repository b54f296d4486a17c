using Azure;
using Azure.Data.Tables;

namespace LeadHandoff.Reviews;

/// <summary>
/// A review action in the audit table's <c>review</c> partition. The row key is the submission and
/// action, so a retried action writes the same row again instead of a second one.
/// </summary>
internal sealed class ReviewAuditEntity : ITableEntity
{
    public const string ReviewPartition = "review";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string WindowId { get; set; } = "";
    public string SubmissionId { get; set; } = "";
    public string Action { get; set; } = "";
    public string Reason { get; set; } = "";
    public string By { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string? LeadWindowId { get; set; }
    public string? LeadId { get; set; }

    public static ReviewAuditEntity From(ReviewAction action) => new()
    {
        PartitionKey = ReviewPartition,
        RowKey = $"{action.WindowId}-{action.SubmissionId}-{action.Action}",
        WindowId = action.WindowId,
        SubmissionId = action.SubmissionId,
        Action = action.Action,
        Reason = action.Reason,
        By = action.By,
        At = action.At,
        LeadWindowId = action.LeadWindowId,
        LeadId = action.LeadId,
    };

    public ReviewAction ToAction() => new(WindowId, SubmissionId, Action, Reason, By, At, LeadWindowId, LeadId);
}
