using System.Xml.Linq;
using Azure.Data.Tables;
using LeadHandoff.Tables;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace LeadHandoff.Functions.Staff;

/// <summary>
/// The keys that sign the staff forms' tokens, in the app's own table storage. Every instance of
/// the app must read the same keys, or a form shown by one instance is refused by the next; the
/// default (a folder on the instance) is not shared on every plan, and a restart would void every
/// open form. Keys are written once, under ASP.NET's own name for them, so writing one again after
/// a lost response leaves the same row. The table is reached as the app's managed identity, like
/// every other table; nothing else holds a role on it.
/// </summary>
public sealed class StaffKeyRing(LeadTables tables) : IXmlRepository
{
    private const string Partition = "form-keys";
    private TableClient? _table;

    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. Table().Query<TableEntity>(e => e.PartitionKey == Partition).Select(row => XElement.Parse(row.GetString("Xml") ?? "<missing/>"))];

    public void StoreElement(XElement element, string friendlyName) =>
        Table().UpsertEntity(new TableEntity(Partition, friendlyName) { ["Xml"] = element.ToString(SaveOptions.DisableFormatting) }, TableUpdateMode.Replace);

    // IXmlRepository is synchronous; the table is made once, on the first form.
    private TableClient Table() => _table ??= tables.GetAsync(LeadTables.StaffFormKeys, CancellationToken.None).GetAwaiter().GetResult();
}
