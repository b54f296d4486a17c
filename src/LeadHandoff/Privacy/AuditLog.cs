using LeadHandoff.Leads;
using LeadHandoff.Tables;

namespace LeadHandoff.Privacy;

/// <summary>
/// The audit trail, with no personal data: one row per erase, export or withdrawal (newest first).
/// The review queue keeps its actions in the same table (Reviews/ReviewAudit.cs).
/// </summary>
public sealed class AuditLog(LeadTables tables)
{
    public async Task AuditAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        var audit = await tables.GetAsync(LeadTables.Audit, cancellationToken);
        await LeadTables.Guard("audit", () => audit.AddEntityAsync(AuditEntity.From(record), cancellationToken), cancellationToken);
    }
}
