using Azure;
using Azure.Data.Tables;
using LeadHandoff.Tables;

namespace LeadHandoff.Privacy;

/// <summary>
/// Withdrawals in the Ledger table: the ones asked for and not yet looked at (the address sealed,
/// until the sweep), when an email last went to an address, and the pending ones (request id →
/// email hash). The address is never stored in the clear.
/// </summary>
public sealed class WithdrawalStore(LeadTables tables)
{
    /// <summary>A pending withdrawal: request id → email hash. The address itself is never stored.</summary>
    public async Task SaveWithdrawalAsync(string requestId, string emailHash, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var ledger = await tables.GetAsync(LeadTables.Ledger, cancellationToken);
        // Upserted: the sweep's request id is the same on a retry, so a second write is the same row.
        await LeadTables.Guard("save withdrawal", () => ledger.UpsertEntityAsync(new WithdrawalEntity { RowKey = requestId, EmailHash = emailHash, RequestedAt = at }, TableUpdateMode.Replace, cancellationToken), cancellationToken);
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

    /// <summary>Asked for: one row per address (a second ask before the sweep replaces the first). The same single write whether or not we hold the address.</summary>
    public async Task AskAsync(string emailHash, string sealedEmail, string language, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var ledger = await tables.GetAsync(LeadTables.Ledger, cancellationToken);
        await LeadTables.Guard("ask withdrawal", () => ledger.UpsertEntityAsync(
            new WithdrawalAskEntity { RowKey = emailHash, SealedEmail = sealedEmail, Language = language, AskedAt = at }, TableUpdateMode.Replace, cancellationToken), cancellationToken);
    }

    public sealed record Asked(string EmailHash, string SealedEmail, string Language, DateTimeOffset AskedAt, ETag ETag);

    public async Task<List<Asked>> ListAskedAsync(CancellationToken cancellationToken)
    {
        var ledger = await tables.GetAsync(LeadTables.Ledger, cancellationToken);
        var result = new List<Asked>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {WithdrawalAskEntity.Partition}");
        return await LeadTables.Guard("list withdrawal asks", async () =>
        {
            result.Clear();
            await foreach (var row in ledger.QueryAsync<WithdrawalAskEntity>(filter, cancellationToken: cancellationToken))
                result.Add(new(row.RowKey, row.SealedEmail, row.Language, row.AskedAt, row.ETag));
            return result;
        }, cancellationToken);
    }

    /// <summary>Deletes a handled ask, unless it was asked again meanwhile (then the next sweep handles that one).</summary>
    public async Task RemoveAskAsync(Asked asked, CancellationToken cancellationToken)
    {
        var ledger = await tables.GetAsync(LeadTables.Ledger, cancellationToken);
        await LeadTables.Guard("remove withdrawal ask", async () =>
        {
            try
            {
                await ledger.DeleteEntityAsync(WithdrawalAskEntity.Partition, asked.EmailHash, asked.ETag, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
            }
            return true;
        }, cancellationToken);
    }

    public async Task<DateTimeOffset?> LastSentAsync(string emailHash, CancellationToken cancellationToken)
    {
        var ledger = await tables.GetAsync(LeadTables.Ledger, cancellationToken);
        return await LeadTables.Guard("read withdrawal sent", async () =>
        {
            var row = await ledger.GetEntityIfExistsAsync<WithdrawalSentEntity>(WithdrawalSentEntity.Partition, emailHash, cancellationToken: cancellationToken);
            return row.HasValue ? row.Value!.SentAt : (DateTimeOffset?)null;
        }, cancellationToken);
    }

    public async Task MarkSentAsync(string emailHash, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var ledger = await tables.GetAsync(LeadTables.Ledger, cancellationToken);
        await LeadTables.Guard("mark withdrawal sent", () => ledger.UpsertEntityAsync(new WithdrawalSentEntity { RowKey = emailHash, SentAt = at }, TableUpdateMode.Replace, cancellationToken), cancellationToken);
    }
}
