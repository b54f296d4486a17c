using LeadHandoff.Tables;

namespace LeadHandoff.Reviews;

/// <summary>
/// The review actions taken on flagged submissions, in the audit table beside the privacy trail
/// (their own partition), with no personal data.
/// </summary>
public sealed class ReviewAudit(LeadTables tables)
{
    /// <summary>
    /// Records a review action once: the row is keyed by submission and action, so a retry after a
    /// crash or a lost response finds the first row and leaves it as it is.
    /// </summary>
    public async Task AuditAsync(ReviewAction action, CancellationToken cancellationToken)
    {
        var audit = await tables.GetAsync(LeadTables.Audit, cancellationToken);
        await LeadTables.Guard("audit review", async () =>
        {
            try
            {
                await audit.AddEntityAsync(ReviewAuditEntity.From(action), cancellationToken);
            }
            catch (Azure.RequestFailedException ex) when (ex.Status == 409)
            {
            }
            return true;
        }, cancellationToken);
    }

    /// <summary>The review actions taken on one window's flagged submissions.</summary>
    public async Task<List<ReviewAction>> ListReviewsAsync(string windowId, CancellationToken cancellationToken)
    {
        var audit = await tables.GetAsync(LeadTables.Audit, cancellationToken);
        var filter = LeadTables.PrefixFilter(ReviewAuditEntity.ReviewPartition, windowId + "-");
        return await LeadTables.Guard("read review audit", async () =>
        {
            var result = new List<ReviewAction>();
            await foreach (var row in audit.QueryAsync<ReviewAuditEntity>(filter, cancellationToken: cancellationToken)) result.Add(row.ToAction());
            return result;
        }, cancellationToken);
    }
}
