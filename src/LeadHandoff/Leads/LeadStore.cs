using Azure;
using Azure.Data.Tables;
using LeadHandoff.Tables;

namespace LeadHandoff.Leads;

/// <summary>The outcome of storing a submission: the lead it landed in and how many times it has come in.</summary>
public sealed record StoredLead(string LeadId, bool IsNew, int SubmissionCount)
{
    /// <summary>The submission's token was already in the lead: an earlier write of this very submission (a retry, or the same file imported again).</summary>
    public bool Recognised { get; init; }
}

/// <summary>Leads in Table Storage, one partition per batch window, deduplicated by email within it.</summary>
public sealed class LeadStore(LeadTables tables)
{
    // Each lost race costs one re-read; 50 simultaneous submissions of one address settle well within this.
    private const int MaxAttempts = 200;

    /// <summary>
    /// Stores a lead, or folds it into the window's existing lead for the same email: the count goes
    /// up by one and the newer details update what they give. Safe under concurrent submissions of the
    /// same address, and under lost responses: <paramref name="newLeadId"/> is also the submission's
    /// token, so a retried write that had gone through is recognised and not counted twice.
    /// </summary>
    public Task<StoredLead> SaveAsync(string windowId, string newLeadId, LeadDetails details, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
        SaveAsync(windowId, newLeadId, details, receivedAt, hot: false, cancellationToken);

    /// <param name="hot">The hot lane wants the lead: its marker row goes in the same transaction as the lead.</param>
    public async Task<StoredLead> SaveAsync(string windowId, string newLeadId, LeadDetails details, DateTimeOffset receivedAt, bool hot, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Leads, cancellationToken);
        // One entity-group transaction for a new lead: the dedupe row and the lead. The person index
        // is written when the batch goes out (IndexPeopleAsync); until then erasure and export
        // search the unbatched weeks' partitions directly.
        var indexKey = EmailIndexEntity.RowKeyOf(EmailHash.Of(details.Email));
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await TryInsertNewAsync(table, windowId, indexKey, newLeadId, details, receivedAt, hot, cancellationToken))
                return new StoredLead(newLeadId, IsNew: true, SubmissionCount: 1);

            var index = await LeadTables.Guard("read email index", () => GetOrNullAsync<EmailIndexEntity>(table, windowId, indexKey, cancellationToken), cancellationToken);
            if (index is null) continue; // erased between our insert and read: try the insert again

            var merged = await TryMergeAsync(table, windowId, index, newLeadId, details, receivedAt, hot, cancellationToken);
            if (merged is not null) return merged;
        }
        throw new StorageUnavailableException("dedupe", 412, "TooManyConflicts", new InvalidOperationException("Gave up after repeated write conflicts."));
    }

    /// <summary>
    /// Records each lead's owner and, for leads not yet decided, its <see cref="UndecidedEntity"/>:
    /// entity-group transactions within the window's partition, 50 leads (100 writes) at a time.
    /// </summary>
    public async Task AssignOwnersAsync(string windowId, IReadOnlyDictionary<string, string> owners, IReadOnlySet<string> undecided, DateTimeOffset assignedAt, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Leads, cancellationToken);
        foreach (var chunk in owners.Chunk(50))
        {
            var actions = new List<TableTransactionAction>();
            foreach (var (leadId, ownerId) in chunk)
            {
                actions.Add(new(TableTransactionActionType.UpdateMerge, new TableEntity(windowId, LeadEntity.RowKeyOf(leadId))
                {
                    [nameof(LeadEntity.OwnerId)] = ownerId,
                    [nameof(LeadEntity.AssignedAt)] = assignedAt,
                }, ETag.All));
                if (undecided.Contains(leadId))
                    actions.Add(new(TableTransactionActionType.UpsertReplace, new UndecidedEntity { PartitionKey = windowId, RowKey = UndecidedEntity.RowKeyOf(leadId), OwnerId = ownerId }));
            }
            await LeadTables.Guard("assign owners", () => table.SubmitTransactionAsync(actions, cancellationToken), cancellationToken);
        }
    }

    /// <summary>
    /// Moves an undecided lead to <paramref name="toOwner"/> if nobody changed it since
    /// <paramref name="version"/> was read: the owner, the undecided marker and a line of history,
    /// in one transaction. False when the lead changed meanwhile (re-read and try again).
    /// </summary>
    public async Task<bool> TryReassignAsync(string windowId, string leadId, string version, string toOwner, string historyLine, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Leads, cancellationToken);
        return await LeadTables.Guard("reassign lead", async () =>
        {
            var lead = await GetOrNullAsync<LeadEntity>(table, windowId, LeadEntity.RowKeyOf(leadId), cancellationToken);
            if (lead is null || lead.ETag.ToString() != version) return false;
            var history = string.Join('\n', (lead.OwnerHistory?.Split('\n') ?? []).Append(historyLine));
            try
            {
                await table.SubmitTransactionAsync(
                [
                    new(TableTransactionActionType.UpdateMerge, new TableEntity(windowId, LeadEntity.RowKeyOf(leadId))
                    {
                        [nameof(LeadEntity.OwnerId)] = toOwner,
                        [nameof(LeadEntity.AssignedAt)] = at,
                        [nameof(LeadEntity.OwnerHistory)] = history.Length <= 4000 ? history : history[^4000..],
                    }, lead.ETag),
                    new(TableTransactionActionType.UpsertReplace, new UndecidedEntity { PartitionKey = windowId, RowKey = UndecidedEntity.RowKeyOf(leadId), OwnerId = toOwner }),
                ], cancellationToken);
                return true;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 412 or 404)
            {
                // Changed meanwhile, or our own write whose response was lost: the caller re-reads and sees which.
                return false;
            }
        }, cancellationToken);
    }

    /// <summary>The hot lane's open work in a window: the leads its markers name.</summary>
    public async Task<List<string>> ListHotMarkersAsync(string windowId, CancellationToken cancellationToken)
    {
        var list = new List<string>();
        await foreach (var id in QueryRangeAsync<HotMarkerEntity, string>(windowId, HotMarkerEntity.RowPrefix, e => e.LeadId, cancellationToken)) list.Add(id);
        return list;
    }

    /// <summary>Drops a hot marker; a missing one is fine.</summary>
    public async Task RemoveHotMarkerAsync(string windowId, string leadId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Leads, cancellationToken);
        await LeadTables.Guard("remove hot marker", () => LeadTables.DeleteIfPresentAsync(table, windowId, HotMarkerEntity.RowKeyOf(leadId), cancellationToken), cancellationToken);
    }

    /// <summary>Records the hot lane's hand-off on the lead (idempotent: the same values on a retry).</summary>
    public async Task SetHotAsync(string windowId, string leadId, HotDelivery hot, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Leads, cancellationToken);
        await LeadTables.Guard("record hot hand-off", () => table.UpdateEntityAsync(LeadEntity.HotFields(windowId, leadId, hot), ETag.All, TableUpdateMode.Merge, cancellationToken), cancellationToken);
    }

    /// <summary>The window's undecided leads by their index rows: a range query over open leads only.</summary>
    public IAsyncEnumerable<UndecidedMarker> ListUndecidedAsync(string windowId, CancellationToken cancellationToken) =>
        QueryRangeAsync<UndecidedEntity, UndecidedMarker>(windowId, UndecidedEntity.RowPrefix, e => e.ToMarker(), cancellationToken);

    /// <summary>Drops a lead's undecided marker; a missing one is fine (already dropped).</summary>
    public async Task RemoveUndecidedAsync(string windowId, string leadId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Leads, cancellationToken);
        await LeadTables.Guard("remove undecided marker", () => LeadTables.DeleteIfPresentAsync(table, windowId, UndecidedEntity.RowKeyOf(leadId), cancellationToken), cancellationToken);
    }

    /// <summary>Flags leads still undecided after the last escalation step, for the scorecard.</summary>
    public async Task MarkUnworkedAsync(string windowId, IEnumerable<string> leadIds, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Leads, cancellationToken);
        foreach (var chunk in leadIds.Chunk(100))
        {
            var actions = chunk.Select(id => new TableTransactionAction(TableTransactionActionType.UpdateMerge,
                new TableEntity(windowId, LeadEntity.RowKeyOf(id)) { [nameof(LeadEntity.Unworked)] = true }, ETag.All)).ToList();
            await LeadTables.Guard("mark unworked", () => table.SubmitTransactionAsync(actions, cancellationToken), cancellationToken);
        }
    }

    /// <summary>
    /// Records that these people have something in <paramref name="windowId"/>: the person index,
    /// written at batch time in entity-group transactions per bucket (up to 100 rows each), so it
    /// costs about 110 requests for 10,000 leads instead of one per lead on the request path.
    /// Idempotent: a re-run after a crash writes the same rows.
    /// </summary>
    public async Task IndexPeopleAsync(string windowId, IEnumerable<string> emailHashes, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.PersonWeeks, cancellationToken);
        foreach (var bucket in emailHashes.Distinct(StringComparer.Ordinal).GroupBy(PersonWeekEntity.BucketOf))
        {
            foreach (var chunk in bucket.Chunk(100))
            {
                var actions = chunk.Select(hash => new TableTransactionAction(TableTransactionActionType.UpsertReplace, PersonWeekEntity.For(hash, windowId))).ToList();
                await LeadTables.Guard("index people", () => table.SubmitTransactionAsync(actions, cancellationToken), cancellationToken);
            }
        }
    }

    /// <summary>The person's lead in the latest indexed window before <paramref name="windowId"/>, if any.</summary>
    public async Task<Lead?> FindEarlierAsync(string email, string windowId, CancellationToken cancellationToken)
    {
        var people = await tables.GetAsync(LeadTables.PersonWeeks, cancellationToken);
        var leads = await tables.GetAsync(LeadTables.Leads, cancellationToken);
        var emailHash = EmailHash.Of(email);
        return await LeadTables.Guard("find earlier lead", async () =>
        {
            string? latest = null;
            await foreach (var row in people.QueryAsync<PersonWeekEntity>(PersonWeekEntity.PersonFilter(emailHash, before: windowId), select: ["RowKey"], cancellationToken: cancellationToken))
                latest = row.WindowId; // rows come back in RowKey order, and window ids sort by time
            if (latest is null) return null;
            var index = await GetOrNullAsync<EmailIndexEntity>(leads, latest, EmailIndexEntity.RowKeyOf(emailHash), cancellationToken);
            return index is null ? null : (await GetOrNullAsync<LeadEntity>(leads, latest, LeadEntity.RowKeyOf(index.LeadId), cancellationToken))?.ToLead();
        }, cancellationToken);
    }

    /// <summary>A lead with the version its next conditional write must match.</summary>
    public async Task<(Lead Lead, string Version)?> GetVersionedAsync(string windowId, string leadId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Leads, cancellationToken);
        var entity = await LeadTables.Guard("read lead", () => GetOrNullAsync<LeadEntity>(table, windowId, LeadEntity.RowKeyOf(leadId), cancellationToken), cancellationToken);
        return entity is null ? null : (entity.ToLead(), entity.ETag.ToString());
    }

    public async Task SaveFlaggedAsync(FlaggedSubmission submission, CancellationToken cancellationToken)
    {
        // Flagged submissions carry personal data too: the batch indexes them with the week's leads,
        // and until then erasure and export search the week's partition by the row's EmailHash.
        var table = await tables.GetAsync(LeadTables.Leads, cancellationToken);
        await LeadTables.Guard("store flagged submission", async () =>
        {
            try
            {
                await table.AddEntityAsync(FlaggedEntity.From(submission), cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // The row key is this submission's own id: a conflict is our insert whose response was lost.
            }
            return true;
        }, cancellationToken);
    }

    /// <summary>One flagged submission with the version its next review write must match.</summary>
    public async Task<(FlaggedSubmission Submission, string Version)?> GetFlaggedAsync(string windowId, string submissionId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Leads, cancellationToken);
        var entity = await LeadTables.Guard("read flagged submission", () => GetOrNullAsync<FlaggedEntity>(table, windowId, FlaggedEntity.RowPrefix + submissionId, cancellationToken), cancellationToken);
        return entity is null ? null : (entity.ToSubmission(), entity.ETag.ToString());
    }

    /// <summary>
    /// Records a review step on a flagged submission if nobody else changed it since
    /// <paramref name="version"/> was read. Returns the row's new version, or null when another
    /// reviewer got there first.
    /// </summary>
    public async Task<string?> TrySetReviewAsync(FlaggedSubmission submission, string version, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Leads, cancellationToken);
        var patch = new TableEntity(submission.WindowId, FlaggedEntity.RowPrefix + submission.Id)
        {
            [nameof(FlaggedEntity.Review)] = submission.Review.ToString(),
            [nameof(FlaggedEntity.ReviewedAt)] = submission.ReviewedAt,
            [nameof(FlaggedEntity.ReleaseWindowId)] = submission.ReleaseWindowId,
            [nameof(FlaggedEntity.ReleasedLeadId)] = submission.ReleasedLeadId,
        };
        return await LeadTables.Guard("review flagged submission", async () =>
        {
            try
            {
                var response = await table.UpdateEntityAsync(patch, new ETag(version), TableUpdateMode.Merge, cancellationToken);
                return response.Headers.ETag?.ToString();
            }
            catch (RequestFailedException ex) when (ex.Status is 412)
            {
                // Our own write whose response was lost (the SDK's retry then saw the new version):
                // the row holds exactly what we wrote, to the tick of ReviewedAt.
                var now = await GetOrNullAsync<FlaggedEntity>(table, submission.WindowId, FlaggedEntity.RowPrefix + submission.Id, cancellationToken);
                return now is not null && now.Review == submission.Review.ToString() && now.ReviewedAt == submission.ReviewedAt
                       && now.ReleaseWindowId == submission.ReleaseWindowId && now.ReleasedLeadId == submission.ReleasedLeadId
                    ? now.ETag.ToString()
                    : null;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return null;
            }
        }, cancellationToken);
    }

    public async Task<Lead?> GetAsync(string windowId, string leadId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Leads, cancellationToken);
        var entity = await LeadTables.Guard("read lead", () => GetOrNullAsync<LeadEntity>(table, windowId, LeadEntity.RowKeyOf(leadId), cancellationToken), cancellationToken);
        return entity?.ToLead();
    }

    /// <summary>Every lead of one window: a single-partition range query over the lead rows only.</summary>
    public IAsyncEnumerable<Lead> ListAsync(string windowId, CancellationToken cancellationToken) =>
        QueryRangeAsync<LeadEntity, Lead>(windowId, LeadEntity.RowPrefix, e => e.ToLead(), cancellationToken);

    public IAsyncEnumerable<FlaggedSubmission> ListFlaggedAsync(string windowId, CancellationToken cancellationToken) =>
        QueryRangeAsync<FlaggedEntity, FlaggedSubmission>(windowId, FlaggedEntity.RowPrefix, e => e.ToSubmission(), cancellationToken);

    private async IAsyncEnumerable<TResult> QueryRangeAsync<TEntity, TResult>(
        string windowId, string rowPrefix, Func<TEntity, TResult> map,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        where TEntity : class, ITableEntity, new()
    {
        var table = await tables.GetAsync(LeadTables.Leads, cancellationToken);
        await foreach (var entity in LeadTables.QueryPrefixAsync<TEntity>(table, windowId, rowPrefix, "query window", null, cancellationToken)) yield return map(entity);
    }

    private static Task<bool> TryInsertNewAsync(TableClient table, string windowId, string indexKey, string leadId, LeadDetails details, DateTimeOffset receivedAt, bool hot, CancellationToken cancellationToken) =>
        LeadTables.Guard("insert lead", async () =>
        {
            List<TableTransactionAction> actions =
            [
                new(TableTransactionActionType.Add, new EmailIndexEntity { PartitionKey = windowId, RowKey = indexKey, LeadId = leadId }),
                new(TableTransactionActionType.Add, LeadEntity.Create(windowId, leadId, details, receivedAt)),
            ];
            if (hot) actions.Add(new(TableTransactionActionType.UpsertReplace, HotMarkerEntity.For(windowId, leadId)));
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return true;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                return false; // the address already has a lead in this window
            }
        }, cancellationToken);

    /// <summary>Adds one submission to an existing lead under its ETag; null when another writer got there first.</summary>
    private static Task<StoredLead?> TryMergeAsync(TableClient table, string windowId, EmailIndexEntity index, string submissionId, LeadDetails details, DateTimeOffset receivedAt, bool hot, CancellationToken cancellationToken) =>
        LeadTables.Guard("merge duplicate", async () =>
        {
            var lead = await GetOrNullAsync<LeadEntity>(table, windowId, LeadEntity.RowKeyOf(index.LeadId), cancellationToken);
            if (lead is null)
            {
                // An index row whose lead is gone (erased mid-flight): drop it so the insert can succeed.
                await DeleteIfUnchangedAsync(table, index, cancellationToken);
                return null;
            }
            // Our own insert or merge, whose response was lost before the SDK retried it.
            if (lead.HasSubmission(submissionId)) return new StoredLead(lead.LeadId, IsNew: lead.LeadId == submissionId, lead.SubmissionCount) { Recognised = true };
            lead.CountSubmission(submissionId);
            lead.Merge(details, receivedAt);
            // A repeat that asks for something hot (a demo after a guide) joins the hot lane, unless
            // the lane or sales already had it.
            var joinsHotLane = hot && lead.HotAt is null && lead.Decision is null;
            try
            {
                if (joinsHotLane)
                    await table.SubmitTransactionAsync(
                    [
                        new(TableTransactionActionType.UpdateReplace, lead, lead.ETag),
                        new(TableTransactionActionType.UpsertReplace, HotMarkerEntity.For(windowId, lead.LeadId)),
                    ], cancellationToken);
                else
                    await table.UpdateEntityAsync(lead, lead.ETag, TableUpdateMode.Replace, cancellationToken);
                return new StoredLead(lead.LeadId, IsNew: false, lead.SubmissionCount);
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                return null;
            }
        }, cancellationToken);

    private static async Task DeleteIfUnchangedAsync(TableClient table, ITableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, entity.ETag, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
        }
    }

    internal static async Task<T?> GetOrNullAsync<T>(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        var response = await table.GetEntityIfExistsAsync<T>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }
}
