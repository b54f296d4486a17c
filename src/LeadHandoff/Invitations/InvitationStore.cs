using Azure.Data.Tables;
using LeadHandoff.Leads;
using LeadHandoff.Tables;

namespace LeadHandoff.Invitations;

/// <summary>Open invitations, beside the roster in the <c>Team</c> table (their own partition).</summary>
public sealed class InvitationStore(LeadTables tables)
{
    public async Task SaveAsync(string memberId, string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Team, cancellationToken);
        await LeadTables.Guard("save invitation", () => table.UpsertEntityAsync(new InvitationEntity { RowKey = memberId, Nonce = nonce, ExpiresAt = expiresAt }, TableUpdateMode.Replace, cancellationToken), cancellationToken);
    }

    /// <summary>The nonce of the member's open invitation, or null when none is open.</summary>
    public async Task<string?> OpenNonceAsync(string memberId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Team, cancellationToken);
        var row = await LeadTables.Guard("read invitation", () => LeadStore.GetOrNullAsync<InvitationEntity>(table, InvitationEntity.Partition, memberId, cancellationToken), cancellationToken);
        return row?.Nonce;
    }

    public async Task CloseAsync(string memberId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(LeadTables.Team, cancellationToken);
        await LeadTables.Guard("close invitation", () => LeadTables.DeleteIfPresentAsync(table, InvitationEntity.Partition, memberId, cancellationToken), cancellationToken);
    }
}
