using Azure;
using Azure.Data.Tables;
using LeadHandoff.Tables;

namespace LeadHandoff.Privacy;

/// <summary>Retention watermarks in the Ledger table; overlapping passes move them at most once each.</summary>
public sealed class WatermarkStore(LeadTables tables)
{
    public sealed record Watermark(string NextWindowId, ETag ETag);

    public async Task<Watermark?> GetAsync(string kind, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Ledger, cancellationToken);
        return await LeadTables.Guard("read watermark", async () =>
        {
            var row = await table.GetEntityIfExistsAsync<WatermarkEntity>(WatermarkEntity.Partition, kind, cancellationToken: cancellationToken);
            return row.HasValue ? new Watermark(row.Value!.NextWindowId, row.Value.ETag) : null;
        }, cancellationToken);
    }

    /// <summary>Moves the watermark from <paramref name="current"/> (null: none yet). A concurrent pass that moved it first did the same work.</summary>
    public async Task MoveAsync(string kind, Watermark? current, string nextWindowId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Ledger, cancellationToken);
        var row = new WatermarkEntity { RowKey = kind, NextWindowId = nextWindowId, MovedAt = at };
        await LeadTables.Guard("move watermark", async () =>
        {
            try
            {
                if (current is null) await table.AddEntityAsync(row, cancellationToken);
                else await table.UpdateEntityAsync(row, current.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
            }
            return true;
        }, cancellationToken);
    }

    /// <summary>Entities come back in partition order and partitions are window ids: the first lead-table row names the oldest window.</summary>
    public async Task<string?> OldestWindowAsync(CancellationToken cancellationToken)
    {
        var leads = await tables.GetAsync(LeadTables.Leads, cancellationToken);
        return await LeadTables.Guard("find oldest window", async () =>
        {
            await foreach (var page in leads.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).AsPages())
            {
                if (page.Values.Count > 0) return page.Values[0].PartitionKey;
            }
            return null;
        }, cancellationToken);
    }
}
