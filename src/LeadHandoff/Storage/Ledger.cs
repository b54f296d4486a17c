using Azure;
using Azure.Data.Tables;
using LeadHandoff.Calendar;

namespace LeadHandoff.Storage;

/// <summary>A batch held by one run until <see cref="LeaseUntil"/>; the ETag proves it is still ours.</summary>
public sealed record BatchClaim(string WindowId, DateTimeOffset LeaseUntil, ETag ETag);

public enum MessageState { Pending, Sent, Failed, Deferred, Unknown, Skipped }

/// <summary>A batch whose deadline work is not finished.</summary>
public sealed record OpenBatch(string WindowId, DateTimeOffset SentAt, DateTimeOffset DeadlineAt);

/// <summary>A message row as read: its state and how many times a send was started.</summary>
public sealed record MessageRecord(string Key, MessageState State, int Attempts, ETag ETag, string? ProviderMessageId);

/// <summary>
/// Exactly-once bookkeeping in Table Storage. Claims are conditional inserts (409: someone else has
/// it) and ETag-conditional updates (412: someone else moved first).
/// </summary>
public sealed class Ledger(LeadTables tables)
{
    public const string Running = "Running";
    public const string Done = "Sent";

    /// <summary>Runs that may retry a message the provider keeps refusing for now (429, 5xx) before it is Failed.</summary>
    public const int MaxDeferredRuns = 5;

    /// <summary>Claims the batch of <paramref name="window"/> unless it is sent or another run holds a live lease.</summary>
    public async Task<BatchClaim?> ClaimBatchAsync(BatchWindow window, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Ledger, cancellationToken);
        return await LeadTables.Guard("claim batch", async () =>
        {
            var existing = await table.GetEntityIfExistsAsync<LedgerEntity>(LedgerEntity.BatchPartition, window.Id, cancellationToken: cancellationToken);
            var row = existing.HasValue ? existing.Value! : new LedgerEntity
            {
                PartitionKey = LedgerEntity.BatchPartition,
                RowKey = window.Id,
                DeadlineAt = window.DeadlineAt,
                StartedAt = now,
            };
            if (row.Status == Done || (row.Status == Running && row.LeaseUntil > now)) return null;
            row.Status = Running;
            row.LeaseUntil = now + lease;
            row.Attempts++;
            try
            {
                var response = existing.HasValue
                    ? await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken)
                    : await table.AddEntityAsync(row, cancellationToken);
                return new BatchClaim(window.Id, row.LeaseUntil.Value, response.Headers.ETag ?? default);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                return null; // another run claimed it between our read and write
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Marks the batch sent and, in the same transaction, opens it for the deadline work that
    /// follows: an <c>open-{window}</c> row the deadline check lists instead of every batch ever sent.
    /// </summary>
    public async Task CompleteBatchAsync(BatchClaim claim, BatchWindow window, DateTimeOffset sentAt, int leadCount, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Ledger, cancellationToken);
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.UpdateMerge, new TableEntity(LedgerEntity.BatchPartition, claim.WindowId)
            {
                [nameof(LedgerEntity.Status)] = Done,
                [nameof(LedgerEntity.SentAt)] = sentAt,
                [nameof(LedgerEntity.FinishedAt)] = sentAt,
                [nameof(LedgerEntity.LeaseUntil)] = DateTimeOffset.UnixEpoch,
                [nameof(LedgerEntity.LeadCount)] = leadCount,
            }, claim.ETag),
            new(TableTransactionActionType.UpsertReplace, new LedgerEntity
            {
                PartitionKey = LedgerEntity.BatchPartition,
                RowKey = OpenPrefix + claim.WindowId,
                Status = "Open",
                SentAt = sentAt,
                DeadlineAt = window.DeadlineAt,
                LeadCount = leadCount,
            }),
        ];
        await LeadTables.Guard("complete batch", () => table.SubmitTransactionAsync(actions, cancellationToken), cancellationToken);
    }

    public const string OpenPrefix = "open-";

    /// <summary>Batches sent and still being chased: a range query over the open rows only.</summary>
    public async Task<List<OpenBatch>> ListOpenBatchesAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Ledger, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {LedgerEntity.BatchPartition} and RowKey ge {OpenPrefix} and RowKey lt {"open."}");
        return await LeadTables.Guard("list open batches", async () =>
        {
            var list = new List<OpenBatch>();
            await foreach (var row in table.QueryAsync<LedgerEntity>(filter, cancellationToken: cancellationToken))
                list.Add(new OpenBatch(row.RowKey[OpenPrefix.Length..], row.SentAt ?? default, row.DeadlineAt ?? default));
            return list;
        }, cancellationToken);
    }

    /// <summary>Closes a batch once its last escalation step has run.</summary>
    public async Task CloseBatchAsync(string windowId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Ledger, cancellationToken);
        await LeadTables.Guard("close batch", () => LeadTables.DeleteIfPresentAsync(table, LedgerEntity.BatchPartition, OpenPrefix + windowId, cancellationToken), cancellationToken);
    }

    /// <summary>Gives the batch back before its lease ends, so the next heartbeat retries what is left.</summary>
    public async Task ReleaseBatchAsync(BatchClaim claim, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Ledger, cancellationToken);
        await LeadTables.Guard("release batch", async () =>
        {
            try
            {
                await table.UpdateEntityAsync(new TableEntity(LedgerEntity.BatchPartition, claim.WindowId) { [nameof(LedgerEntity.LeaseUntil)] = DateTimeOffset.UnixEpoch }, claim.ETag, TableUpdateMode.Merge, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
            }
            return true;
        }, cancellationToken);
    }

    // Once sent, a batch's SentAt and DeadlineAt never change: decisions read them from here.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, LedgerEntity> _sent = new(StringComparer.Ordinal);

    /// <summary>The batch row if the batch was sent, served from memory after the first read.</summary>
    public async Task<LedgerEntity?> GetSentBatchAsync(string windowId, CancellationToken cancellationToken)
    {
        if (_sent.TryGetValue(windowId, out var cached)) return cached;
        var row = await GetBatchAsync(windowId, cancellationToken);
        if (row?.Status == Done) _sent[windowId] = row;
        return row;
    }

    public async Task<LedgerEntity?> GetBatchAsync(string windowId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Ledger, cancellationToken);
        return await LeadTables.Guard("read batch", async () =>
        {
            var row = await table.GetEntityIfExistsAsync<LedgerEntity>(LedgerEntity.BatchPartition, windowId, cancellationToken: cancellationToken);
            return row.HasValue ? row.Value : null;
        }, cancellationToken);
    }

    /// <summary>
    /// Starts a message: inserts its row as Pending, or takes over a Deferred one. Returns null when
    /// the message is final or in flight elsewhere (Pending for less than <paramref name="inFlightFor"/>).
    /// A row left Pending longer than that belongs to a run that died mid-send: it becomes Unknown,
    /// because it may have gone, and is never resent automatically.
    /// </summary>
    public async Task<MessageRecord?> StartMessageAsync(string windowId, string key, DateTimeOffset now, TimeSpan inFlightFor, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Ledger, cancellationToken);
        var partition = LedgerEntity.MessagePartition(windowId);
        return await LeadTables.Guard("start message", async () =>
        {
            try
            {
                var existing = await table.GetEntityIfExistsAsync<LedgerEntity>(partition, key, cancellationToken: cancellationToken);
                if (!existing.HasValue)
                {
                    var row = new LedgerEntity { PartitionKey = partition, RowKey = key, Status = nameof(MessageState.Pending), StartedAt = now, Attempts = 1 };
                    var added = await table.AddEntityAsync(row, cancellationToken);
                    return new MessageRecord(key, MessageState.Pending, 1, added.Headers.ETag ?? default, null);
                }
                var current = existing.Value!;
                var state = Enum.Parse<MessageState>(current.Status);
                if (state == MessageState.Pending && current.StartedAt + inFlightFor > now) return null;
                if (state == MessageState.Pending)
                {
                    current.Status = nameof(MessageState.Unknown);
                    current.Detail = "a run stopped while sending; it may have been delivered";
                    current.FinishedAt = now;
                    await table.UpdateEntityAsync(current, current.ETag, TableUpdateMode.Replace, cancellationToken);
                    return new MessageRecord(key, MessageState.Unknown, current.Attempts, default, null);
                }
                if (state != MessageState.Deferred) return null;
                if (current.Attempts >= MaxDeferredRuns)
                {
                    current.Status = nameof(MessageState.Failed);
                    current.Detail = $"still refused after {current.Attempts} runs";
                    current.FinishedAt = now;
                    await table.UpdateEntityAsync(current, current.ETag, TableUpdateMode.Replace, cancellationToken);
                    return new MessageRecord(key, MessageState.Failed, current.Attempts, default, null);
                }
                current.Status = nameof(MessageState.Pending);
                current.Attempts++;
                current.StartedAt = now;
                var updated = await table.UpdateEntityAsync(current, current.ETag, TableUpdateMode.Replace, cancellationToken);
                return new MessageRecord(key, MessageState.Pending, current.Attempts, updated.Headers.ETag ?? default, null);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                return null; // another run is on it
            }
        }, cancellationToken);
    }

    /// <summary>Settles a started message. False when the row moved on meanwhile (a send so slow another run declared it Unknown).</summary>
    public async Task<bool> FinishMessageAsync(string windowId, MessageRecord started, MessageState state, string? providerMessageId, string? detail, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Ledger, cancellationToken);
        return await LeadTables.Guard("finish message", async () =>
        {
            try
            {
                await table.UpdateEntityAsync(new TableEntity(LedgerEntity.MessagePartition(windowId), started.Key)
                {
                    [nameof(LedgerEntity.Status)] = state.ToString(),
                    [nameof(LedgerEntity.ProviderMessageId)] = providerMessageId ?? "",
                    [nameof(LedgerEntity.Detail)] = detail ?? "",
                    [nameof(LedgerEntity.FinishedAt)] = now,
                }, started.ETag, TableUpdateMode.Merge, cancellationToken);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                return false;
            }
        }, cancellationToken);
    }

    public async Task<List<MessageRecord>> ListMessagesAsync(string windowId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Ledger, cancellationToken);
        return await LeadTables.Guard("list messages", async () =>
        {
            var list = new List<MessageRecord>();
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {LedgerEntity.MessagePartition(windowId)}");
            await foreach (var row in table.QueryAsync<LedgerEntity>(filter, cancellationToken: cancellationToken))
                list.Add(new MessageRecord(row.RowKey, Enum.Parse<MessageState>(row.Status), row.Attempts, row.ETag, row.ProviderMessageId));
            return list;
        }, cancellationToken);
    }
}
