using Azure;
using Azure.Data.Tables;
using LeadHandoff.Leads;
using LeadHandoff.Tables;

namespace LeadHandoff.Agreement;

/// <summary>
/// The agreement in the <c>Agreement</c> table: versions (written once, numbered), proposals, a
/// <c>meta/open</c> row naming the one open proposal (so two cannot be open), and the audit.
/// Every write that a retry may repeat is an insert whose conflict is read back and recognised.
/// </summary>
public sealed class AgreementStore(LeadTables tables)
{
    private const string MetaPartition = "meta";
    private const string OpenRow = "open";

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(LeadTables.Agreement, cancellationToken);

    public async Task<IReadOnlyList<AgreementVersion>> VersionsAsync(CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var versions = new List<AgreementVersion>();
        await foreach (var row in LeadTables.QueryPrefixAsync<AgreementVersionEntity>(table, AgreementVersionEntity.Partition, "0", "read agreement versions", null, cancellationToken))
            versions.Add(row.ToVersion());
        return [.. versions.OrderBy(v => v.Number)];
    }

    /// <summary>Writes a version under its number, once. Returns what that number holds afterwards: this version, or the one that got there first.</summary>
    public async Task<AgreementVersion> AddVersionAsync(AgreementVersion version, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        try
        {
            await LeadTables.Guard("add agreement version", () => table.AddEntityAsync(AgreementVersionEntity.From(version), cancellationToken), cancellationToken);
            return version;
        }
        catch (StorageUnavailableException ex) when (ex.Status == 409)
        {
            var row = await LeadTables.Guard("read agreement version", () => LeadStore.GetOrNullAsync<AgreementVersionEntity>(table, AgreementVersionEntity.Partition, AgreementVersionEntity.RowKeyOf(version.Number), cancellationToken), cancellationToken);
            return row!.ToVersion();
        }
    }

    public async Task<IReadOnlyList<AgreementProposal>> ProposalsAsync(CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var proposals = new List<AgreementProposal>();
        await LeadTables.Guard("read agreement proposals", async () =>
        {
            await foreach (var row in table.QueryAsync<AgreementProposalEntity>(e => e.PartitionKey == AgreementProposalEntity.Partition, cancellationToken: cancellationToken))
                proposals.Add(row.ToProposal());
            return proposals.Count;
        }, cancellationToken);
        return [.. proposals.OrderBy(p => p.ProposedAt).ThenBy(p => p.Id, StringComparer.Ordinal)];
    }

    public async Task<AgreementProposal?> ProposalAsync(string id, CancellationToken cancellationToken)
    {
        if (id.Length is 0 or > 64 || !id.All(char.IsAsciiHexDigit)) return null;
        var table = await TableAsync(cancellationToken);
        var row = await LeadTables.Guard("read agreement proposal", () => LeadStore.GetOrNullAsync<AgreementProposalEntity>(table, AgreementProposalEntity.Partition, id, cancellationToken), cancellationToken);
        return row?.ToProposal();
    }

    /// <summary>Saves a proposal's row whatever it held (the service decides the state; the open pointer guards against two).</summary>
    public async Task SaveProposalAsync(AgreementProposal proposal, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        await LeadTables.Guard("save agreement proposal", () => table.UpsertEntityAsync(AgreementProposalEntity.From(proposal), TableUpdateMode.Replace, cancellationToken), cancellationToken);
    }

    /// <summary>Claims the one open slot for <paramref name="proposalId"/>; false when another proposal holds it.</summary>
    public async Task<bool> TryOpenAsync(string proposalId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        try
        {
            await LeadTables.Guard("open agreement proposal", () => table.AddEntityAsync(new TableEntity(MetaPartition, OpenRow) { ["ProposalId"] = proposalId }, cancellationToken), cancellationToken);
            return true;
        }
        catch (StorageUnavailableException ex) when (ex.Status == 409)
        {
            return await OpenIdAsync(cancellationToken) == proposalId; // ours, if the first answer was lost
        }
    }

    /// <summary>The open proposal's id, or null.</summary>
    public async Task<string?> OpenIdAsync(CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var row = await LeadTables.Guard("read open agreement proposal", () => LeadStore.GetOrNullAsync<TableEntity>(table, MetaPartition, OpenRow, cancellationToken), cancellationToken);
        return row?.GetString("ProposalId");
    }

    /// <summary>Frees the open slot if <paramref name="proposalId"/> holds it.</summary>
    public async Task CloseOpenAsync(string proposalId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var row = await LeadTables.Guard("read open agreement proposal", () => LeadStore.GetOrNullAsync<TableEntity>(table, MetaPartition, OpenRow, cancellationToken), cancellationToken);
        if (row?.GetString("ProposalId") != proposalId) return;
        try
        {
            await LeadTables.Guard("close agreement proposal", () => table.DeleteEntityAsync(MetaPartition, OpenRow, row.ETag, cancellationToken), cancellationToken);
        }
        catch (StorageUnavailableException ex) when (ex.Status is 404 or 412)
        {
            // Gone already, or another proposal took the slot since: either way not ours to free.
        }
    }

    public async Task AddEventAsync(AgreementEvent e, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var row = new AgreementEventEntity { RowKey = $"{e.At.UtcTicks:D19}-{System.Diagnostics.Stopwatch.GetTimestamp():D20}-{Guid.NewGuid():N}", At = e.At, What = e.What, By = e.By, ProposalId = e.ProposalId, UserAgent = e.UserAgent };
        await LeadTables.Guard("audit agreement", () => table.AddEntityAsync(row, cancellationToken), cancellationToken);
    }

    public async Task<IReadOnlyList<AgreementEvent>> EventsAsync(CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var events = new List<AgreementEvent>();
        await foreach (var row in LeadTables.QueryPrefixAsync<AgreementEventEntity>(table, AgreementEventEntity.Partition, "0", "read agreement audit", null, cancellationToken))
            events.Add(new AgreementEvent(row.At, row.What, row.By, row.ProposalId, row.UserAgent));
        return events;
    }
}
