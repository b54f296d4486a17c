using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace LeadHandoff.Agreement;

/// <summary>A proposal: PartitionKey "proposal", RowKey its id (time-ordered). Declined and withdrawn ones are kept.</summary>
internal sealed class AgreementProposalEntity : ITableEntity
{
    public const string Partition = "proposal";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Terms { get; set; } = "";
    public string Side { get; set; } = "";
    public string ProposedBy { get; set; } = "";
    public DateTimeOffset ProposedAt { get; set; }
    public string Note { get; set; } = "";
    public string State { get; set; } = "";
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public int? Version { get; set; }
    /// <summary>One line per head asked: "name: state".</summary>
    public string Asked { get; set; } = "";

    public static AgreementProposalEntity From(AgreementProposal p) => new()
    {
        RowKey = p.Id,
        Terms = JsonSerializer.Serialize(p.Terms),
        Side = p.Side.ToString(),
        ProposedBy = p.ProposedBy,
        ProposedAt = p.ProposedAt,
        Note = p.Note,
        State = p.State.ToString(),
        DecidedBy = p.DecidedBy,
        DecidedAt = p.DecidedAt,
        Version = p.Version,
        Asked = string.Join('\n', p.Asked),
    };

    public AgreementProposal ToProposal() => new(
        RowKey, JsonSerializer.Deserialize<AgreementTerms>(Terms)!, Enum.Parse<AgreementSide>(Side), ProposedBy, ProposedAt, Note,
        Enum.Parse<ProposalState>(State), DecidedBy, DecidedAt, Version)
    {
        Asked = Asked.Length == 0 ? [] : Asked.Split('\n'),
    };
}
