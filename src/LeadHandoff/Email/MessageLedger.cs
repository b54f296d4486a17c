using Azure;
using Azure.Data.Tables;
using LeadHandoff.Tables;

namespace LeadHandoff.Email;

/// <summary>A message a run holds: its token, the version its next write must match, and whether it may repeat an earlier copy.</summary>
/// <param name="ToFallback">The intended recipient's copies could not be confirmed twice: this one goes to the sales inbox and the manager.</param>
public sealed record MessageClaim(string WindowId, string Key, string RunId, ETag ETag, int Sends, DateTimeOffset? PossibleRepeatOf, bool ToFallback = false);

/// <summary>A message row as read.</summary>
public sealed record MessageRecord(string Key, MessageState State, int Attempts, int Sends, string? Detail, DateTimeOffset? HandedAt, int Unconfirmed = 0)
{
    /// <summary>Nothing more will happen to it: final, or Unknown after its marked repeat and its fallback copy.</summary>
    public bool IsSettled => State is MessageState.Sent or MessageState.Rerouted or MessageState.Skipped or MessageState.Failed
        || (State == MessageState.Unknown && Unconfirmed >= MessageLedger.MaxSends);
}

/// <summary>
/// The rows behind <see cref="EmailDelivery"/>: one per email, ever. Every write is conditional
/// (insert, or update under an ETag) and carries the run's token, so a run whose response was lost
/// reads the row back and recognises its own write instead of mistaking it for another run's.
/// </summary>
public sealed class MessageLedger(LeadTables tables)
{
    /// <summary>Runs that may retry a message the provider keeps refusing for now (429, 5xx) before it is Failed.</summary>
    public const int MaxDeferredRuns = 5;

    /// <summary>
    /// Copies for the intended recipient: the first, and one marked as a possible repeat. If neither
    /// can be confirmed, one more goes to the fallback (the sales inbox and the manager).
    /// </summary>
    public const int MaxSends = 2;

    /// <summary>
    /// Takes the message up for <paramref name="runId"/>, or returns null when it is final or in flight
    /// in another run (claimed less than <paramref name="inFlightFor"/> ago).
    /// </summary>
    public async Task<MessageClaim?> ClaimAsync(string windowId, string key, string runId, DateTimeOffset now, TimeSpan inFlightFor, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Ledger, cancellationToken);
        var partition = MessageEntity.PartitionOf(windowId);
        return await LeadTables.Guard("claim message", async () =>
        {
            // Each pass either returns or lost a race (409/412); the re-read settles it.
            for (var pass = 0; pass < 4; pass++)
            {
                var row = await ReadAsync(table, partition, key, cancellationToken);
                if (row is null)
                {
                    var fresh = new MessageEntity { PartitionKey = partition, RowKey = key, Status = nameof(MessageState.Claimed), RunId = runId, ClaimedAt = now, Attempts = 1 };
                    try
                    {
                        var added = await table.AddEntityAsync(fresh, cancellationToken);
                        return new MessageClaim(windowId, key, runId, added.Headers.ETag ?? default, 0, null);
                    }
                    catch (RequestFailedException ex) when (ex.Status == 409)
                    {
                        continue; // another run, or our own insert whose response was lost
                    }
                }
                var state = Enum.Parse<MessageState>(row.Status);
                if (row.RunId == runId)
                    return state == MessageState.Claimed ? new MessageClaim(windowId, key, runId, row.ETag, row.Sends, row.PreviousHandedAt, ToFallback: row.Unconfirmed >= MaxSends) : null;
                if (state is MessageState.Sent or MessageState.Rerouted or MessageState.Skipped or MessageState.Failed) return null;
                if (state is MessageState.Claimed or MessageState.Handing && row.ClaimedAt + inFlightFor > now) return null;
                var unconfirmed = row.Unconfirmed + (state is MessageState.Handing or MessageState.Unknown ? 1 : 0);
                if (unconfirmed > MaxSends) return await FinalAsync(row, MessageState.Unknown, "no copy's delivery could be confirmed, the fallback's neither");
                if (state == MessageState.Deferred && row.Attempts >= MaxDeferredRuns) return await FinalAsync(row, MessageState.Failed, $"still refused after {row.Attempts} runs");

                // A copy that may have gone (a run died while handing it over, or the provider's answer
                // was lost) is sent again once, saying so; a claim that never reached the provider is not a repeat.
                var repeatOf = state is MessageState.Handing or MessageState.Unknown ? row.HandedAt : row.PreviousHandedAt;
                row.Status = nameof(MessageState.Claimed);
                row.RunId = runId;
                row.ClaimedAt = now;
                row.Attempts++;
                row.PreviousHandedAt = repeatOf;
                row.Unconfirmed = unconfirmed;
                try
                {
                    var updated = await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                    return new MessageClaim(windowId, key, runId, updated.Headers.ETag ?? default, row.Sends, repeatOf, ToFallback: unconfirmed >= MaxSends);
                }
                catch (RequestFailedException ex) when (ex.Status == 412)
                {
                }
            }
            return null;

            async Task<MessageClaim?> FinalAsync(MessageEntity row, MessageState final, string detail)
            {
                row.Status = final.ToString();
                row.Detail = detail;
                row.FinishedAt = now;
                try
                {
                    await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                catch (RequestFailedException ex) when (ex.Status == 412)
                {
                }
                return null;
            }
        }, cancellationToken);
    }

    /// <summary>Records that the message is about to go to the provider. Null when another run took it over meanwhile: then do not send.</summary>
    public Task<MessageClaim?> MarkHandingAsync(MessageClaim claim, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(claim, MessageState.Handing, new Dictionary<string, object>
        {
            [nameof(MessageEntity.HandedAt)] = now,
            [nameof(MessageEntity.Sends)] = claim.Sends + 1,
        }, row => row.HandedAt == now, "hand message over", cancellationToken);

    /// <summary>Records the outcome. Null when another run took the message over meanwhile (a send slower than the in-flight limit).</summary>
    public Task<MessageClaim?> SettleAsync(MessageClaim claim, MessageState state, string? providerMessageId, string? detail, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(claim, state, new Dictionary<string, object>
        {
            [nameof(MessageEntity.ProviderMessageId)] = providerMessageId ?? "",
            [nameof(MessageEntity.Detail)] = detail ?? "",
            [nameof(MessageEntity.FinishedAt)] = now,
        }, _ => true, "settle message", cancellationToken);

    private async Task<MessageClaim?> WriteAsync(MessageClaim claim, MessageState state, Dictionary<string, object> fields, Func<MessageEntity, bool> isOurs, string operation, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Ledger, cancellationToken);
        var partition = MessageEntity.PartitionOf(claim.WindowId);
        var entity = new TableEntity(partition, claim.Key) { [nameof(MessageEntity.Status)] = state.ToString() };
        foreach (var (name, value) in fields) entity[name] = value;
        return await LeadTables.Guard(operation, async () =>
        {
            try
            {
                var response = await table.UpdateEntityAsync(entity, claim.ETag, TableUpdateMode.Merge, cancellationToken);
                return claim with { ETag = response.Headers.ETag ?? default, Sends = state == MessageState.Handing ? claim.Sends + 1 : claim.Sends };
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // Our own write whose response was lost, or another run's: the token and the state tell.
                var row = await ReadAsync(table, partition, claim.Key, cancellationToken);
                return row is not null && row.RunId == claim.RunId && row.Status == state.ToString() && isOurs(row)
                    ? claim with { ETag = row.ETag, Sends = row.Sends }
                    : null;
            }
        }, cancellationToken);
    }

    public async Task<List<MessageRecord>> ListAsync(string windowId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Ledger, cancellationToken);
        return await LeadTables.Guard("list messages", async () =>
        {
            var list = new List<MessageRecord>();
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {MessageEntity.PartitionOf(windowId)}");
            await foreach (var row in table.QueryAsync<MessageEntity>(filter, cancellationToken: cancellationToken))
                list.Add(new MessageRecord(row.RowKey, Enum.Parse<MessageState>(row.Status), row.Attempts, row.Sends, row.Detail, row.HandedAt, row.Unconfirmed));
            return list;
        }, cancellationToken);
    }

    private static async Task<MessageEntity?> ReadAsync(TableClient table, string partition, string key, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<MessageEntity>(partition, key, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }
}
