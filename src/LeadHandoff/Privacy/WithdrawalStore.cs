using LeadHandoff.Tables;

namespace LeadHandoff.Privacy;

/// <summary>Pending withdrawals in the Ledger table: request id → email hash. The address itself is never stored.</summary>
public sealed class WithdrawalStore(LeadTables tables)
{
    /// <summary>A pending withdrawal: request id → email hash. The address itself is never stored.</summary>
    public async Task SaveWithdrawalAsync(string requestId, string emailHash, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var ledger = await tables.GetAsync(LeadTables.Ledger, cancellationToken);
        await LeadTables.Guard("save withdrawal", () => ledger.AddEntityAsync(new WithdrawalEntity { RowKey = requestId, EmailHash = emailHash, RequestedAt = at }, cancellationToken), cancellationToken);
    }

    public async Task<string?> WithdrawalHashAsync(string requestId, CancellationToken cancellationToken)
    {
        var ledger = await tables.GetAsync(LeadTables.Ledger, cancellationToken);
        return await LeadTables.Guard("read withdrawal", async () =>
        {
            var row = await ledger.GetEntityIfExistsAsync<WithdrawalEntity>(WithdrawalEntity.Partition, requestId, cancellationToken: cancellationToken);
            return row.HasValue ? row.Value!.EmailHash : null;
        }, cancellationToken);
    }

    public async Task DeleteWithdrawalAsync(string requestId, CancellationToken cancellationToken)
    {
        var ledger = await tables.GetAsync(LeadTables.Ledger, cancellationToken);
        await LeadTables.Guard("delete withdrawal", () => LeadTables.DeleteIfPresentAsync(ledger, WithdrawalEntity.Partition, requestId, cancellationToken), cancellationToken);
    }
}
