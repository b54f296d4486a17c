using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using LeadHandoff.Tables;

namespace LeadHandoff.Weeks;

/// <summary>A batch held by one run until <see cref="LeaseUntil"/>; the ETag proves it is still ours.</summary>
public sealed record BatchClaim(string WindowId, string RunId, DateTimeOffset LeaseUntil, DateTimeOffset DeadlineAt, ETag ETag);

/// <summary>A batch's state as recorded. Finished batches went out; <see cref="Detail"/> says what was not delivered.</summary>
public sealed record BatchRecord(string WindowId, string Status, DateTimeOffset? SentAt, DateTimeOffset? DeadlineAt, int LeadCount, string? Detail)
{
    public bool IsFinished => Status is BatchLedger.Sent or BatchLedger.Undelivered;
}

/// <summary>A batch whose deadline work is not finished.</summary>
public sealed record OpenBatch(string WindowId, DateTimeOffset SentAt, DateTimeOffset DeadlineAt);

/// <summary>
/// Which batches went out. Claims are conditional writes carrying the run's token, so a run whose
/// response was lost reads its own claim back as its own, never as "another run has it".
/// </summary>
public sealed class BatchLedger(LeadTables tables)
{
    public const string Running = "Running";
    /// <summary>Every owner's email was delivered (or rerouted to the sales inbox).</summary>
    public const string Sent = "Sent";
    /// <summary>Finished, but some owner's email could not be delivered: Detail says which.</summary>
    public const string Undelivered = "Undelivered";
    public const string OpenPrefix = "open-";

    /// <summary>
    /// Claims the batch of <paramref name="window"/> for <paramref name="runId"/> unless it is finished
    /// or another run holds a live lease. The deadline is fixed by the first claim.
    /// </summary>
    public async Task<BatchClaim?> ClaimAsync(BatchWindow window, string runId, DateTimeOffset now, TimeSpan lease, DateTimeOffset deadlineAt, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Ledger, cancellationToken);
        return await LeadTables.Guard("claim batch", async () =>
        {
            var existing = await ReadAsync(table, window.Id, cancellationToken);
            var row = existing ?? new BatchEntity { PartitionKey = BatchEntity.Partition, RowKey = window.Id, DeadlineAt = deadlineAt, StartedAt = now };
            if (row.Status is Sent or Undelivered || (row.Status == Running && row.LeaseUntil > now && row.RunId != runId)) return null;
            row.Status = Running;
            row.RunId = runId;
            row.LeaseUntil = now + lease;
            row.Attempts++;
            try
            {
                var response = existing is not null
                    ? await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken)
                    : await table.AddEntityAsync(row, cancellationToken);
                return new BatchClaim(window.Id, runId, row.LeaseUntil.Value, row.DeadlineAt ?? deadlineAt, response.Headers.ETag ?? default);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another run claimed it between our read and write, or this is our own write whose
                // response was lost and the SDK retried: the token tells which.
                var now2 = await ReadAsync(table, window.Id, cancellationToken);
                return now2 is { Status: Running } && now2.RunId == runId
                    ? new BatchClaim(window.Id, runId, now2.LeaseUntil ?? now + lease, now2.DeadlineAt ?? deadlineAt, now2.ETag)
                    : null;
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Marks the batch finished and, in the same transaction, opens it for the deadline work: an
    /// <c>open-{window}</c> row the deadline check lists instead of every batch ever sent. Both
    /// writes are idempotent, so a second completion (a retried transaction) changes nothing.
    /// </summary>
    public async Task CompleteAsync(BatchClaim claim, DateTimeOffset sentAt, int leadCount, string? undelivered, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Ledger, cancellationToken);
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.UpdateMerge, new TableEntity(BatchEntity.Partition, claim.WindowId)
            {
                [nameof(BatchEntity.Status)] = undelivered is null ? Sent : Undelivered,
                [nameof(BatchEntity.Detail)] = undelivered ?? "",
                [nameof(BatchEntity.SentAt)] = sentAt,
                [nameof(BatchEntity.FinishedAt)] = sentAt,
                [nameof(BatchEntity.LeaseUntil)] = DateTimeOffset.UnixEpoch,
                [nameof(BatchEntity.LeadCount)] = leadCount,
            }, ETag.All),
            new(TableTransactionActionType.UpsertReplace, new BatchEntity
            {
                PartitionKey = BatchEntity.Partition,
                RowKey = OpenPrefix + claim.WindowId,
                Status = "Open",
                SentAt = sentAt,
                DeadlineAt = claim.DeadlineAt,
                LeadCount = leadCount,
            }),
        ];
        await LeadTables.Guard("complete batch", () => table.SubmitTransactionAsync(actions, cancellationToken), cancellationToken);
    }

    /// <summary>The recorded batches of windows <paramref name="from"/> to <paramref name="to"/> (ids sort by time): one range query.</summary>
    public async Task<Dictionary<string, BatchRecord>> ListAsync(string from, string to, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Ledger, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {BatchEntity.Partition} and RowKey ge {from} and RowKey le {to}");
        return await LeadTables.Guard("list batches", async () =>
        {
            var rows = new Dictionary<string, BatchRecord>(StringComparer.Ordinal);
            await foreach (var row in table.QueryAsync<BatchEntity>(filter, cancellationToken: cancellationToken)) rows[row.RowKey] = Record(row);
            return rows;
        }, cancellationToken);
    }

    /// <summary>Batches sent and still being chased: a range query over the open rows only.</summary>
    public async Task<List<OpenBatch>> ListOpenBatchesAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Ledger, cancellationToken);
        var filter = LeadTables.PrefixFilter(BatchEntity.Partition, OpenPrefix);
        return await LeadTables.Guard("list open batches", async () =>
        {
            var list = new List<OpenBatch>();
            await foreach (var row in table.QueryAsync<BatchEntity>(filter, cancellationToken: cancellationToken))
                list.Add(new OpenBatch(row.RowKey[OpenPrefix.Length..], row.SentAt ?? default, row.DeadlineAt ?? default));
            return list;
        }, cancellationToken);
    }

    /// <summary>Closes a batch once its last escalation step has run.</summary>
    public async Task CloseBatchAsync(string windowId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Ledger, cancellationToken);
        await LeadTables.Guard("close batch", () => LeadTables.DeleteIfPresentAsync(table, BatchEntity.Partition, OpenPrefix + windowId, cancellationToken), cancellationToken);
    }

    /// <summary>Gives the batch back before its lease ends, so the next heartbeat retries what is left.</summary>
    public async Task ReleaseAsync(BatchClaim claim, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Ledger, cancellationToken);
        await LeadTables.Guard("release batch", async () =>
        {
            try
            {
                await table.UpdateEntityAsync(new TableEntity(BatchEntity.Partition, claim.WindowId) { [nameof(BatchEntity.LeaseUntil)] = DateTimeOffset.UnixEpoch }, claim.ETag, TableUpdateMode.Merge, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
            }
            return true;
        }, cancellationToken);
    }

    // Once finished, a batch's SentAt and DeadlineAt never change: decisions read them from here.
    private readonly ConcurrentDictionary<string, BatchRecord> _finished = new(StringComparer.Ordinal);

    /// <summary>The batch if it finished, served from memory after the first read.</summary>
    public async Task<BatchRecord?> GetFinishedAsync(string windowId, CancellationToken cancellationToken)
    {
        if (_finished.TryGetValue(windowId, out var cached)) return cached;
        var row = await GetAsync(windowId, cancellationToken);
        if (row is { IsFinished: true }) _finished[windowId] = row;
        return row is { IsFinished: true } ? row : null;
    }

    public async Task<BatchRecord?> GetAsync(string windowId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Ledger, cancellationToken);
        return await LeadTables.Guard("read batch", async () => await ReadAsync(table, windowId, cancellationToken) is { } row ? Record(row) : null, cancellationToken);
    }

    private static BatchRecord Record(BatchEntity row) => new(row.RowKey, row.Status, row.SentAt, row.DeadlineAt, row.LeadCount, row.Detail);

    private static async Task<BatchEntity?> ReadAsync(TableClient table, string windowId, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<BatchEntity>(BatchEntity.Partition, windowId, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }
}
