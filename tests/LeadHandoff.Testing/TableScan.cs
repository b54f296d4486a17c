using Azure.Data.Tables;

namespace LeadHandoff.Tests.Infrastructure;

/// <summary>Every row of every table the app created, as text: to prove what is (not) stored anywhere.</summary>
public static class TableScan
{
    public static async Task<Dictionary<string, List<string>>> AllRowsAsync(TestApp app)
    {
        var service = new TableServiceClient(app.Settings["Storage:ConnectionString"]);
        var prefix = app.Settings["Storage:TablePrefix"]!;
        var result = new Dictionary<string, List<string>>();
        await foreach (var table in service.QueryAsync(t => t.Name.CompareTo(prefix) >= 0))
        {
            if (!table.Name.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var rows = new List<string>();
            await foreach (var entity in service.GetTableClient(table.Name).QueryAsync<TableEntity>())
                // What we wrote, without the service's own stamps: a Timestamp or an ETag can hold any
                // digits (a test that looks for a phone number's "555" must not find it in 04:14:50.7555).
                rows.Add(string.Join(" | ", entity.Where(p => p.Key is not ("Timestamp" or "odata.etag")).Select(p => $"{p.Key}={p.Value}")));
            result[table.Name[prefix.Length..]] = rows;
        }
        return result;
    }
}
