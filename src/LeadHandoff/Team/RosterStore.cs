using Azure.Data.Tables;
using LeadHandoff.Leads;
using LeadHandoff.Tables;

namespace LeadHandoff.Team;

/// <summary>
/// The roster and routing rules in the <c>Team</c> table: small (tens of rows), read whole. A
/// <c>meta/seeded</c> row records that the settings were copied in once; from then on the table is
/// the truth and the settings are not read again.
/// </summary>
public sealed class RosterStore(LeadTables tables)
{
    private const string MetaPartition = "meta";
    private const string SeededRow = "seeded";

    public async Task<(IReadOnlyList<TeamMember> Members, IReadOnlyList<RoutingRule> Rules)?> ReadAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Team, cancellationToken);
        return await LeadTables.Guard("read roster", async () =>
        {
            if (await LeadStore.GetOrNullAsync<TableEntity>(table, MetaPartition, SeededRow, cancellationToken) is null) return ((IReadOnlyList<TeamMember>, IReadOnlyList<RoutingRule>)?)null;
            var members = new List<TeamMember>();
            await foreach (var row in table.QueryAsync<TeamMemberEntity>(e => e.PartitionKey == TeamMemberEntity.Partition, cancellationToken: cancellationToken)) members.Add(row.ToMember());
            var rules = new List<RoutingRule>();
            await foreach (var row in table.QueryAsync<RoutingRuleEntity>(e => e.PartitionKey == RoutingRuleEntity.Partition, cancellationToken: cancellationToken)) rules.Add(row.ToRule());
            return (members, rules);
        }, cancellationToken);
    }

    /// <summary>Copies a roster in and marks the table seeded, last: a seeding cut short is done again whole.</summary>
    public async Task SeedAsync(Roster roster, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Team, cancellationToken);
        foreach (var member in roster.Members) await SaveMemberAsync(member, cancellationToken);
        foreach (var rule in roster.Rules) await SaveRuleAsync(rule, cancellationToken);
        await LeadTables.Guard("mark roster seeded", () => table.UpsertEntityAsync(new TableEntity(MetaPartition, SeededRow) { ["From"] = roster.Source }, TableUpdateMode.Replace, cancellationToken), cancellationToken);
    }

    public async Task SaveMemberAsync(TeamMember member, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Team, cancellationToken);
        await LeadTables.Guard("save team member", () => table.UpsertEntityAsync(TeamMemberEntity.From(member), TableUpdateMode.Replace, cancellationToken), cancellationToken);
    }

    public async Task SaveRuleAsync(RoutingRule rule, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Team, cancellationToken);
        await LeadTables.Guard("save routing rule", () => table.UpsertEntityAsync(RoutingRuleEntity.From(rule), TableUpdateMode.Replace, cancellationToken), cancellationToken);
    }

    public async Task RemoveRuleAsync(int order, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Team, cancellationToken);
        await LeadTables.Guard("remove routing rule", () => LeadTables.DeleteIfPresentAsync(table, RoutingRuleEntity.Partition, RoutingRuleEntity.RowKeyOf(order), cancellationToken), cancellationToken);
    }
}
