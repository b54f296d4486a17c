using Azure;
using Azure.Data.Tables;

namespace LeadHandoff.Team;

/// <summary>A routing rule row: partition <c>rule</c>, row key its order, zero-padded, so rows come back in order.</summary>
internal sealed class RoutingRuleEntity : ITableEntity
{
    public const string Partition = "rule";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Owner { get; set; } = "";
    public string Sector { get; set; } = "";
    public string SizeBand { get; set; } = "";
    public string Offer { get; set; } = "";
    public string EmailDomain { get; set; } = "";

    public static string RowKeyOf(int order) => order.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    public static RoutingRuleEntity From(RoutingRule r) => new()
    {
        RowKey = RowKeyOf(r.Order), Owner = r.Owner, Sector = r.Sector ?? "", SizeBand = r.SizeBand ?? "", Offer = r.Offer ?? "", EmailDomain = r.EmailDomain ?? "",
    };

    public RoutingRule ToRule() => new(int.Parse(RowKey, System.Globalization.CultureInfo.InvariantCulture), Owner, Blank(Sector), Blank(SizeBand), Blank(Offer), Blank(EmailDomain));

    private static string? Blank(string value) => value.Length == 0 ? null : value;
}
