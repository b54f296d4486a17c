using LeadHandoff.Leads;

namespace LeadHandoff.Storage;

/// <summary>The privacy audit trail: one row per erase, export or withdrawal, newest first, with no personal data.</summary>
public sealed class AuditLog(LeadTables tables)
{
    public async Task AuditAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        var audit = await tables.GetAsync(LeadTables.Audit, cancellationToken);
        await LeadTables.Guard("audit", () => audit.AddEntityAsync(AuditEntity.From(record), cancellationToken), cancellationToken);
    }
}
