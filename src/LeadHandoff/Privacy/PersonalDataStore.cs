using Azure;
using Azure.Data.Tables;
using LeadHandoff.Leads;
using LeadHandoff.Tables;

namespace LeadHandoff.Privacy;

/// <summary>What erasing a person touched, in counts.</summary>
public sealed record ErasureCounts(int Weeks, int Leads, int Submissions, int IndexRows)
{
    /// <summary>The leads this erasure blanked, by window: what subscribers hear of as <c>lead.erased</c>. Not part of the answer or the audit, which give counts.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<(string WindowId, string LeadId)> ErasedLeads { get; init; } = [];
}

/// <summary>A person's data as held, for export.</summary>
public sealed record PersonalData(IReadOnlyList<Lead> Leads, IReadOnlyList<DecisionHistory> DecisionHistory, IReadOnlyList<FlaggedSubmission> Submissions);

/// <summary>
/// Finds, exports and removes one person's data without scanning weeks: the person index (email
/// hash → weeks, written at batch time), the first index it replaced, and the weeks no batch has
/// indexed yet, which the caller names and which are searched by their dedupe and flagged rows.
/// In each week: the dedupe row (→ lead), the lead's history, and flagged rows by hash.
/// </summary>
public sealed class PersonalDataStore(LeadTables tables)
{
    /// <summary>The weeks holding anything of the person, oldest first.</summary>
    /// <param name="unindexed">Weeks the person index may not cover yet (no finished batch): searched directly.</param>
    public async Task<List<string>> WeeksOfAsync(string emailHash, IReadOnlyCollection<string> unindexed, CancellationToken cancellationToken)
    {
        var index = await tables.GetAsync(LeadTables.PersonWeeks, cancellationToken);
        var legacy = await tables.GetAsync(LeadTables.People, cancellationToken);
        var leads = await tables.GetAsync(LeadTables.Leads, cancellationToken);
        return await LeadTables.Guard("find person", async () =>
        {
            var weeks = new SortedSet<string>(StringComparer.Ordinal);
            await foreach (var row in index.QueryAsync<PersonWeekEntity>(PersonWeekEntity.PersonFilter(emailHash), select: ["RowKey"], cancellationToken: cancellationToken))
                weeks.Add(row.WindowId);
            await foreach (var row in legacy.QueryAsync<PersonIndexEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {emailHash}"), select: ["RowKey"], cancellationToken: cancellationToken))
                weeks.Add(row.RowKey);
            foreach (var windowId in unindexed.Where(w => !weeks.Contains(w)))
            {
                if ((await leads.GetEntityIfExistsAsync<EmailIndexEntity>(windowId, EmailIndexEntity.RowKeyOf(emailHash), cancellationToken: cancellationToken)).HasValue)
                    weeks.Add(windowId);
                else
                    await foreach (var _ in FlaggedAsync(leads, windowId, emailHash, cancellationToken)) { weeks.Add(windowId); break; }
            }
            return weeks.ToList();
        }, cancellationToken);
    }

    public async Task<PersonalData> ExportAsync(string emailHash, IReadOnlyCollection<string> unindexed, CancellationToken cancellationToken)
    {
        var leads = new List<Lead>();
        var history = new List<DecisionHistory>();
        var submissions = new List<FlaggedSubmission>();
        var table = await tables.GetAsync(LeadTables.Leads, cancellationToken);
        foreach (var windowId in await WeeksOfAsync(emailHash, unindexed, cancellationToken))
        {
            await LeadTables.Guard("export week", async () =>
            {
                if (await LeadOfAsync(table, windowId, emailHash, cancellationToken) is { } lead)
                {
                    leads.Add(lead.ToLead());
                    history.AddRange((await HistoryAsync(table, windowId, lead.LeadId, cancellationToken)).Select(h => h.ToHistory()));
                }
                await foreach (var flagged in FlaggedAsync(table, windowId, emailHash, cancellationToken)) submissions.Add(flagged.ToSubmission());
                return true;
            }, cancellationToken);
        }
        return new PersonalData(leads, history, submissions);
    }

    /// <summary>
    /// Removes a person: each lead is anonymised in place (its counts stay in the scorecard), notes in
    /// its history are blanked, flagged submissions and every index row naming them are deleted.
    /// Safe to repeat: a second run finds nothing left.
    /// </summary>
    public async Task<ErasureCounts> EraseAsync(string emailHash, IReadOnlyCollection<string> unindexed, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Leads, cancellationToken);
        var people = await tables.GetAsync(LeadTables.PersonWeeks, cancellationToken);
        var legacy = await tables.GetAsync(LeadTables.People, cancellationToken);
        int leads = 0, submissions = 0, indexRows = 0;
        var erased = new List<(string, string)>();
        var weeks = await WeeksOfAsync(emailHash, unindexed, cancellationToken);
        foreach (var windowId in weeks)
        {
            await LeadTables.Guard("erase week", async () =>
            {
                if (await LeadOfAsync(table, windowId, emailHash, cancellationToken) is { } lead)
                {
                    await AnonymiseAsync(table, windowId, lead.LeadId, cancellationToken);
                    await DeleteAsync(table, windowId, UndecidedEntity.RowKeyOf(lead.LeadId), cancellationToken);
                    await DeleteAsync(table, windowId, HotMarkerEntity.RowKeyOf(lead.LeadId), cancellationToken);
                    erased.Add((windowId, lead.LeadId));
                    leads++;
                }
                if (await DeleteAsync(table, windowId, EmailIndexEntity.RowKeyOf(emailHash), cancellationToken)) indexRows++;
                var flagged = new List<FlaggedEntity>();
                await foreach (var row in FlaggedAsync(table, windowId, emailHash, cancellationToken)) flagged.Add(row);
                foreach (var row in flagged)
                {
                    if (await DeleteAsync(table, windowId, row.RowKey, cancellationToken)) submissions++;
                }
                if (await DeleteAsync(people, PersonWeekEntity.BucketOf(emailHash), PersonWeekEntity.RowKeyOf(emailHash, windowId), cancellationToken)) indexRows++;
                if (await DeleteAsync(legacy, emailHash, windowId, cancellationToken)) indexRows++;
                return true;
            }, cancellationToken);
        }
        return new ErasureCounts(weeks.Count, leads, submissions, indexRows) { ErasedLeads = erased };
    }

    /// <summary>
    /// Retention for one week: anonymises its leads (and drops their dedupe and person index rows)
    /// when <paramref name="leads"/>, deletes its flagged submissions when <paramref name="flagged"/>.
    /// Reads only that week's partition. Idempotent.
    /// </summary>
    public async Task<(int Leads, int Flagged)> PurgeWeekAsync(string windowId, bool leads, bool flagged, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Leads, cancellationToken);
        var people = await tables.GetAsync(LeadTables.PersonWeeks, cancellationToken);
        var legacy = await tables.GetAsync(LeadTables.People, cancellationToken);
        // Both person indexes lose the week's rows: the current one and the first one it replaced.
        async Task UnindexAsync(string hash)
        {
            await DeleteAsync(people, PersonWeekEntity.BucketOf(hash), PersonWeekEntity.RowKeyOf(hash, windowId), cancellationToken);
            await DeleteAsync(legacy, hash, windowId, cancellationToken);
        }
        return await LeadTables.Guard("purge week", async () =>
        {
            int anonymised = 0, deleted = 0;
            if (leads)
            {
                await foreach (var lead in RangeAsync<LeadEntity>(table, windowId, LeadEntity.RowPrefix, cancellationToken))
                {
                    if (lead.Anonymised) continue;
                    await AnonymiseAsync(table, windowId, lead.LeadId, cancellationToken);
                    await UnindexAsync(lead.EmailHash);
                    anonymised++;
                }
                await foreach (var index in RangeAsync<EmailIndexEntity>(table, windowId, EmailIndexEntity.RowPrefix, cancellationToken))
                    await DeleteAsync(table, windowId, index.RowKey, cancellationToken);
            }
            if (flagged)
            {
                await foreach (var row in RangeAsync<FlaggedEntity>(table, windowId, FlaggedEntity.RowPrefix, cancellationToken))
                {
                    if (await DeleteAsync(table, windowId, row.RowKey, cancellationToken)) deleted++;
                    // The person row stays while the person still has a lead in this week.
                    if (row.EmailHash is { Length: > 0 } hash && !(await table.GetEntityIfExistsAsync<EmailIndexEntity>(windowId, EmailIndexEntity.RowKeyOf(hash), cancellationToken: cancellationToken)).HasValue)
                        await UnindexAsync(hash);
                }
            }
            return (anonymised, deleted);
        }, cancellationToken);
    }

    /// <summary>Blanks a lead's personal fields and its decision notes; the row stays for the scorecard. Erasure and retention share it.</summary>
    private static async Task AnonymiseAsync(TableClient table, string windowId, string leadId, CancellationToken cancellationToken)
    {
        await table.UpdateEntityAsync(LeadEntity.AnonymisedFields(windowId, leadId), ETag.All, TableUpdateMode.Merge, cancellationToken);
        foreach (var row in await HistoryAsync(table, windowId, leadId, cancellationToken))
            await table.UpdateEntityAsync(new TableEntity(windowId, row.RowKey) { [nameof(DecisionHistoryEntity.Note)] = "" }, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    private static async Task<LeadEntity?> LeadOfAsync(TableClient table, string windowId, string emailHash, CancellationToken cancellationToken)
    {
        var index = await table.GetEntityIfExistsAsync<EmailIndexEntity>(windowId, EmailIndexEntity.RowKeyOf(emailHash), cancellationToken: cancellationToken);
        if (!index.HasValue) return null;
        var lead = await table.GetEntityIfExistsAsync<LeadEntity>(windowId, LeadEntity.RowKeyOf(index.Value!.LeadId), cancellationToken: cancellationToken);
        return lead.HasValue ? lead.Value : null;
    }

    private static async Task<List<DecisionHistoryEntity>> HistoryAsync(TableClient table, string windowId, string leadId, CancellationToken cancellationToken)
    {
        var rows = new List<DecisionHistoryEntity>();
        await foreach (var row in RangeAsync<DecisionHistoryEntity>(table, windowId, DecisionHistoryEntity.RowPrefix + leadId + "-", cancellationToken)) rows.Add(row);
        return rows;
    }

    private static IAsyncEnumerable<FlaggedEntity> FlaggedAsync(TableClient table, string windowId, string emailHash, CancellationToken cancellationToken)
    {
        var prefix = FlaggedEntity.RowPrefix;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {windowId} and RowKey ge {prefix} and RowKey lt {"X."} and EmailHash eq {emailHash}");
        return table.QueryAsync<FlaggedEntity>(filter, cancellationToken: cancellationToken);
    }

    private static IAsyncEnumerable<T> RangeAsync<T>(TableClient table, string windowId, string prefix, CancellationToken cancellationToken) where T : class, ITableEntity, new() =>
        table.QueryAsync<T>(LeadTables.PrefixFilter(windowId, prefix), cancellationToken: cancellationToken);

    private static Task<bool> DeleteAsync(TableClient table, string partition, string row, CancellationToken cancellationToken) =>
        LeadTables.DeleteIfPresentAsync(table, partition, row, cancellationToken);
}
