using Azure;
using Azure.Data.Tables;
using LeadHandoff.Tables;

namespace LeadHandoff.Leads;

/// <summary>Sales' decisions on leads: each recorded with its history row in one transaction, and the history read back.</summary>
public sealed class DecisionStore(LeadTables tables)
{
    /// <summary>
    /// Records a decision if the lead is still at <paramref name="version"/>: the lead's decision
    /// fields and a history row, in one transaction. False when another writer changed it first.
    /// </summary>
    /// <param name="userAgent">The browser the decision came from: on the history row only (the audit), never on the lead.</param>
    public async Task<bool> RecordDecisionAsync(string windowId, string leadId, string version, RecordedDecision decision, RecordedDecision? previous, bool dropUndecidedMarker, string? userAgent, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid().ToString("N");
        var fields = LeadEntity.DecisionFields(windowId, leadId, decision);
        fields[nameof(LeadEntity.DecisionToken)] = token;
        var table = await tables.GetAsync(LeadTables.Leads, cancellationToken);
        var history = new DecisionHistoryEntity
        {
            PartitionKey = windowId,
            RowKey = DecisionHistoryEntity.RowKeyOf(leadId, decision.Revision),
            LeadId = leadId,
            Revision = decision.Revision,
            Decision = decision.Decision.ToString(),
            Reason = decision.Reason,
            Note = decision.Note,
            DecidedBy = decision.DecidedBy,
            DecidedAt = decision.DecidedAt,
            OnTime = decision.OnTime,
            PreviousDecision = previous?.Decision.ToString(),
            PreviousReason = previous?.Reason,
            UserAgent = userAgent,
        };
        List<TableTransactionAction> actions =
        [
            new(TableTransactionActionType.UpdateMerge, fields, new ETag(version)),
            new(TableTransactionActionType.Add, history),
        ];
        if (dropUndecidedMarker) actions.Add(new(TableTransactionActionType.Delete, new TableEntity(windowId, UndecidedEntity.RowKeyOf(leadId)), ETag.All));
        return await LeadTables.Guard("record decision", async () =>
        {
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return true;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409 or 404)
            {
                // Our own transaction whose response was lost answers 409 on the SDK's retry: the
                // lead then carries our token.
                var now = await LeadStore.GetOrNullAsync<LeadEntity>(table, windowId, LeadEntity.RowKeyOf(leadId), cancellationToken);
                return now?.DecisionToken == token;
            }
        }, cancellationToken);
    }

    public async Task<List<DecisionHistory>> DecisionHistoryAsync(string windowId, string leadId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Leads, cancellationToken);
        var prefix = DecisionHistoryEntity.RowPrefix + leadId + "-";
        var filter = LeadTables.PrefixFilter(windowId, prefix);
        return await LeadTables.Guard("read decision history", async () =>
        {
            var rows = new List<DecisionHistory>();
            await foreach (var row in table.QueryAsync<DecisionHistoryEntity>(filter, cancellationToken: cancellationToken)) rows.Add(row.ToHistory());
            return rows;
        }, cancellationToken);
    }
}
