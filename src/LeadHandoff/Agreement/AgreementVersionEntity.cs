using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace LeadHandoff.Agreement;

/// <summary>A version: PartitionKey "version", RowKey its number zero-padded ("0002"), written once and never changed.</summary>
internal sealed class AgreementVersionEntity : ITableEntity
{
    public const string Partition = "version";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string EffectiveFrom { get; set; } = "";
    public string Terms { get; set; } = "";
    public string ProposedBy { get; set; } = "";
    public string ApprovedBy { get; set; } = "";
    public DateTimeOffset ApprovedAt { get; set; }
    public string Note { get; set; } = "";
    /// <summary>The proposal it came from: how a retry whose answer was lost knows the row is its own.</summary>
    public string? ProposalId { get; set; }

    public static string RowKeyOf(int number) => number.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    public static AgreementVersionEntity From(AgreementVersion v) => new()
    {
        RowKey = RowKeyOf(v.Number),
        EffectiveFrom = v.EffectiveFrom.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Terms = JsonSerializer.Serialize(v.Terms),
        ProposedBy = v.ProposedBy,
        ApprovedBy = v.ApprovedBy,
        ApprovedAt = v.ApprovedAt,
        Note = v.Note,
        ProposalId = v.ProposalId,
    };

    public AgreementVersion ToVersion() => new(
        int.Parse(RowKey, System.Globalization.CultureInfo.InvariantCulture),
        DateOnly.ParseExact(EffectiveFrom, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        JsonSerializer.Deserialize<AgreementTerms>(Terms)!,
        ProposedBy, ApprovedBy, ApprovedAt, Note, ProposalId);
}
