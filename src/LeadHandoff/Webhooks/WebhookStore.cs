using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using LeadHandoff.Leads;
using LeadHandoff.Tables;

namespace LeadHandoff.Webhooks;

/// <summary>One delivery attempt as the admins' log shows it.</summary>
public sealed record WebhookAttempt(string EventId, string Type, int Attempt, DateTimeOffset At, int Status, string Outcome, double Milliseconds);

/// <summary>An event still to deliver, with the version its next write must match.</summary>
public sealed record PendingDelivery(string SubscriptionId, string EventId, int Attempts, DateTimeOffset NextAttemptAt, DateTimeOffset? FirstFailedAt, ETag ETag);

/// <summary>A subscription's state: on or off, and since when it fails.</summary>
public sealed record WebhookSubscriptionState(bool Disabled, DateTimeOffset? DisabledAt, string? DisabledReason, DateTimeOffset? LastSuccessAt, DateTimeOffset? FailingSince)
{
    public static readonly WebhookSubscriptionState Healthy = new(false, null, null, null, null);
}

/// <summary>
/// The webhook outbox, one partition per subscription: emitted events (<c>E-</c>), those still to
/// deliver (<c>P-</c>), every attempt (<c>A-</c>) and the subscription's state. Every change of
/// delivery state is one entity-group transaction, and every write is conditional, so a lost
/// response is recognised on the re-read rather than applied twice.
/// </summary>
public sealed class WebhookStore(LeadTables tables)
{
    /// <summary>Emits the event to the subscription: false when it was emitted before (nothing changes).</summary>
    public async Task<bool> EmitAsync(string subscriptionId, WebhookEvent e, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Webhooks, cancellationToken);
        var partition = WebhookEventEntity.PartitionOf(subscriptionId);
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.Add, new WebhookEventEntity
            {
                PartitionKey = partition, RowKey = WebhookEventEntity.RowPrefix + e.Id, Type = e.Type, WindowId = e.WindowId, LeadId = e.LeadId,
                CreatedAt = e.CreatedAt, Detail = JsonSerializer.Serialize(e.Detail),
            }),
            new(TableTransactionActionType.Add, new WebhookPendingEntity { PartitionKey = partition, RowKey = WebhookPendingEntity.RowPrefix + e.Id, NextAttemptAt = now }),
        ];
        return await LeadTables.Guard("emit webhook event", async () =>
        {
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return true;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                return false; // emitted before: by an earlier call, or by this one whose response was lost
            }
        }, cancellationToken);
    }

    /// <summary>The ids of the events of <paramref name="windowId"/> already emitted to the subscription: one range query.</summary>
    public async Task<HashSet<string>> EmittedAsync(string subscriptionId, string windowId, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in RangeAsync<WebhookEventEntity>(subscriptionId, WebhookEventEntity.RowPrefix + WebhookEvent.WindowPrefix(windowId), ["RowKey"], cancellationToken))
            ids.Add(row.EventId);
        return ids;
    }

    /// <summary>Pending deliveries whose next attempt is due, oldest event first, at most <paramref name="max"/>.</summary>
    public async Task<List<PendingDelivery>> DueAsync(string subscriptionId, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var due = new List<PendingDelivery>();
        await foreach (var row in RangeAsync<WebhookPendingEntity>(subscriptionId, WebhookPendingEntity.RowPrefix, null, cancellationToken))
        {
            if (row.NextAttemptAt > now) continue;
            due.Add(new PendingDelivery(subscriptionId, row.EventId, row.Attempts, row.NextAttemptAt, row.FirstFailedAt, row.ETag));
            if (due.Count >= max) break;
        }
        return due;
    }

    /// <summary>Makes every waiting delivery due at <paramref name="now"/>: a subscription enabled again does not wait out its backoff.</summary>
    public async Task MakeDueAsync(string subscriptionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Webhooks, cancellationToken);
        var rows = new List<WebhookPendingEntity>();
        await foreach (var row in RangeAsync<WebhookPendingEntity>(subscriptionId, WebhookPendingEntity.RowPrefix, ["RowKey"], cancellationToken)) rows.Add(row);
        foreach (var chunk in rows.Chunk(100))
        {
            var actions = chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpdateMerge,
                new TableEntity(WebhookEventEntity.PartitionOf(subscriptionId), r.RowKey) { [nameof(WebhookPendingEntity.NextAttemptAt)] = now }, ETag.All)).ToList();
            await LeadTables.Guard("make webhooks due", () => table.SubmitTransactionAsync(actions, cancellationToken), cancellationToken);
        }
    }

    public async Task<int> CountPendingAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in RangeAsync<WebhookPendingEntity>(subscriptionId, WebhookPendingEntity.RowPrefix, ["RowKey"], cancellationToken)) count++;
        return count;
    }

    public async Task<WebhookEvent?> GetEventAsync(string subscriptionId, string eventId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Webhooks, cancellationToken);
        var row = await LeadTables.Guard("read webhook event", () => LeadStore.GetOrNullAsync<WebhookEventEntity>(table, WebhookEventEntity.PartitionOf(subscriptionId), WebhookEventEntity.RowPrefix + eventId, cancellationToken), cancellationToken);
        return row is null ? null : new WebhookEvent(row.EventId, row.Type, row.WindowId, row.LeadId, row.CreatedAt, JsonSerializer.Deserialize<Dictionary<string, string>>(row.Detail) ?? []);
    }

    /// <summary>Takes the delivery for this run until <paramref name="until"/>; null when another run took it first.</summary>
    public async Task<PendingDelivery?> LeaseAsync(PendingDelivery pending, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Webhooks, cancellationToken);
        var patch = new TableEntity(WebhookEventEntity.PartitionOf(pending.SubscriptionId), WebhookPendingEntity.RowPrefix + pending.EventId) { [nameof(WebhookPendingEntity.NextAttemptAt)] = until };
        return await LeadTables.Guard("lease webhook delivery", async () =>
        {
            try
            {
                var response = await table.UpdateEntityAsync(patch, pending.ETag, TableUpdateMode.Merge, cancellationToken);
                return pending with { NextAttemptAt = until, ETag = response.Headers.ETag ?? default };
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                // Our own lease whose response was lost reads back with our time on it.
                var row = await LeadStore.GetOrNullAsync<WebhookPendingEntity>(table, patch.PartitionKey, patch.RowKey, cancellationToken);
                return row is not null && row.NextAttemptAt == until ? pending with { NextAttemptAt = until, ETag = row.ETag } : null;
            }
        }, cancellationToken);
    }

    /// <summary>Delivered: the pending row goes, the event is marked, the attempt is logged; one transaction.</summary>
    public async Task RecordDeliveredAsync(PendingDelivery pending, WebhookAttempt attempt, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Webhooks, cancellationToken);
        var partition = WebhookEventEntity.PartitionOf(pending.SubscriptionId);
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.Delete, new TableEntity(partition, WebhookPendingEntity.RowPrefix + pending.EventId), pending.ETag),
            new(TableTransactionActionType.UpdateMerge, new TableEntity(partition, WebhookEventEntity.RowPrefix + pending.EventId)
            {
                [nameof(WebhookEventEntity.State)] = "Delivered",
                [nameof(WebhookEventEntity.DeliveredAt)] = attempt.At,
                [nameof(WebhookEventEntity.Attempts)] = attempt.Attempt,
            }, ETag.All),
            new(TableTransactionActionType.Add, AttemptRow(partition, attempt)),
        ];
        await SubmitOrRecogniseAsync(table, actions, "record webhook delivery", cancellationToken);
    }

    /// <summary>Not delivered: the next attempt is scheduled and the attempt logged; one transaction.</summary>
    public async Task RecordFailedAsync(PendingDelivery pending, WebhookAttempt attempt, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Webhooks, cancellationToken);
        var partition = WebhookEventEntity.PartitionOf(pending.SubscriptionId);
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.UpdateReplace, new WebhookPendingEntity
            {
                PartitionKey = partition, RowKey = WebhookPendingEntity.RowPrefix + pending.EventId,
                Attempts = attempt.Attempt, NextAttemptAt = nextAttemptAt, FirstFailedAt = pending.FirstFailedAt ?? attempt.At,
            }, pending.ETag),
            new(TableTransactionActionType.UpdateMerge, new TableEntity(partition, WebhookEventEntity.RowPrefix + pending.EventId) { [nameof(WebhookEventEntity.Attempts)] = attempt.Attempt }, ETag.All),
            new(TableTransactionActionType.Add, AttemptRow(partition, attempt)),
        ];
        await SubmitOrRecogniseAsync(table, actions, "record webhook failure", cancellationToken);
    }

    /// <summary>
    /// Submits the transaction. A conflict means our own transaction whose response was lost (the
    /// SDK's retry then finds the pending row changed or gone) or a run that overtook a lease held
    /// too long: either way the state was written by one of us, and nothing is undone. At worst the
    /// event is delivered once more, with the same webhook-id, which receivers dedupe on.
    /// </summary>
    private static Task SubmitOrRecogniseAsync(TableClient table, TableTransactionAction[] actions, string operation, CancellationToken cancellationToken) =>
        LeadTables.Guard(operation, async () =>
        {
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412)
            {
            }
            return true;
        }, cancellationToken);

    /// <summary>
    /// Forgets what is over: attempts logged before <paramref name="before"/>, and delivered events
    /// of windows that closed before it (the reconciler looks back three weeks, so they are never
    /// emitted again). Waiting events are kept, however old. Returns the rows deleted.
    /// </summary>
    public async Task<int> PruneAsync(string subscriptionId, DateTimeOffset before, string beforeWindowId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Webhooks, cancellationToken);
        var partition = WebhookEventEntity.PartitionOf(subscriptionId);
        var old = new List<string>();
        // Attempt keys hold inverted time: everything from the cut-off's key on is older.
        var fromKey = WebhookAttemptEntity.RowKeyOf(before, "");
        await LeadTables.Guard("find old webhook attempts", async () =>
        {
            await foreach (var row in table.QueryAsync<WebhookAttemptEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {fromKey} and RowKey lt {"A."}"), select: ["RowKey"], cancellationToken: cancellationToken))
                old.Add(row.RowKey);
            var upTo = WebhookEventEntity.RowPrefix + WebhookEvent.WindowPrefix(beforeWindowId);
            await foreach (var row in table.QueryAsync<WebhookEventEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {WebhookEventEntity.RowPrefix + "evt_"} and RowKey lt {upTo} and State eq {"Delivered"}"), select: ["RowKey"], cancellationToken: cancellationToken))
                old.Add(row.RowKey);
            return true;
        }, cancellationToken);
        foreach (var chunk in old.Chunk(100))
        {
            var actions = chunk.Select(key => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, key), ETag.All)).ToList();
            await LeadTables.Guard("prune webhook log", async () =>
            {
                try
                {
                    await table.SubmitTransactionAsync(actions, cancellationToken);
                }
                catch (TableTransactionFailedException ex) when (ex.Status == 404)
                {
                    // A row gone already (a concurrent prune, or our own lost response): delete the rest one by one.
                    foreach (var key in chunk) await LeadTables.DeleteIfPresentAsync(table, partition, key, cancellationToken);
                }
                return true;
            }, cancellationToken);
        }
        return old.Count;
    }

    /// <summary>The newest attempts first.</summary>
    public async Task<List<WebhookAttempt>> AttemptsAsync(string subscriptionId, int max, CancellationToken cancellationToken)
    {
        var list = new List<WebhookAttempt>();
        await foreach (var row in RangeAsync<WebhookAttemptEntity>(subscriptionId, WebhookAttemptEntity.RowPrefix, null, cancellationToken))
        {
            list.Add(new WebhookAttempt(row.EventId, row.Type, row.Attempt, row.At, row.Status, row.Outcome, row.Milliseconds));
            if (list.Count >= max) break;
        }
        return list;
    }

    public async Task<WebhookSubscriptionState> GetStateAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Webhooks, cancellationToken);
        var row = await LeadTables.Guard("read webhook subscription", () => LeadStore.GetOrNullAsync<WebhookSubscriptionEntity>(table, WebhookEventEntity.PartitionOf(subscriptionId), WebhookSubscriptionEntity.StateRow, cancellationToken), cancellationToken);
        return row is null ? WebhookSubscriptionState.Healthy : new(row.Disabled, row.DisabledAt, row.DisabledReason, row.LastSuccessAt, row.FailingSince);
    }

    /// <summary>Writes the state whole. Last writer wins: state changes are rare and each says the truth at its time.</summary>
    public async Task SetStateAsync(string subscriptionId, WebhookSubscriptionState state, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Webhooks, cancellationToken);
        var row = new WebhookSubscriptionEntity
        {
            PartitionKey = WebhookEventEntity.PartitionOf(subscriptionId),
            Disabled = state.Disabled, DisabledAt = state.DisabledAt, DisabledReason = state.DisabledReason, LastSuccessAt = state.LastSuccessAt, FailingSince = state.FailingSince,
        };
        await LeadTables.Guard("write webhook subscription", () => table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken), cancellationToken);
    }

    private static WebhookAttemptEntity AttemptRow(string partition, WebhookAttempt attempt) => new()
    {
        PartitionKey = partition, RowKey = WebhookAttemptEntity.RowKeyOf(attempt.At, attempt.EventId),
        EventId = attempt.EventId, Type = attempt.Type, Attempt = attempt.Attempt, At = attempt.At, Status = attempt.Status, Outcome = attempt.Outcome, Milliseconds = attempt.Milliseconds,
    };

    private async IAsyncEnumerable<T> RangeAsync<T>(string subscriptionId, string prefix, IEnumerable<string>? select, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        var table = await tables.GetAsync(LeadTables.Webhooks, cancellationToken);
        await foreach (var row in LeadTables.QueryPrefixAsync<T>(table, WebhookEventEntity.PartitionOf(subscriptionId), prefix, "query webhooks", select, cancellationToken)) yield return row;
    }
}
