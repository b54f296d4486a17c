using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using CsvHelper;
using CsvHelper.Configuration;
using LeadHandoff.Intake;
using LeadHandoff.Leads;
using LeadHandoff.Weeks;
using Microsoft.Extensions.Logging;

namespace LeadHandoff.Imports;

/// <summary>
/// Event leads by file (a trade show's scanner export, a webinar's attendee list). Every row is
/// validated as a form post would be, with the event as its offer and source; if any row is
/// invalid nothing is stored and each row says why. A valid file is stored into the open week,
/// so its leads join the coming batch. Each row's submission token is derived from the file's
/// content and the row number, so the same file uploaded again (or a retry after a failure part
/// way) is recognised row by row: no duplicates, and no submission counted twice.
/// </summary>
public sealed partial class LeadImportService(LeadFormValidator validator, LeadStore store, SlaCalendar calendar, Webhooks.WebhookEmitter webhooks, TimeProvider time, ILogger<LeadImportService> logger)
{
    public const int MaxRows = 10_000;
    public const int MaxBytes = 5 * 1024 * 1024;

    public async Task<ImportResult> ImportAsync(byte[] file, string eventName, CancellationToken cancellationToken)
    {
        var fileId = Convert.ToHexStringLower(SHA256.HashData(file))[..26];
        var rows = Parse(file);
        var forms = rows.Select((fields, i) =>
        {
            var withEvent = new Dictionary<string, string>(fields, StringComparer.Ordinal)
            {
                [LeadFields.Offer.Name] = eventName,
                [LeadFields.UtmSource.Name] = fields.GetValueOrDefault(LeadFields.UtmSource.Name) is { Length: > 0 } source ? source : "event",
                [LeadFields.UtmCampaign.Name] = fields.GetValueOrDefault(LeadFields.UtmCampaign.Name) is { Length: > 0 } campaign ? campaign : eventName,
            };
            return (Row: i + 1, Form: validator.Validate(withEvent));
        }).ToList();

        var invalid = forms.Where(f => f.Form.Lead is null).ToList();
        if (invalid.Count > 0 || forms.Count == 0)
        {
            var results = forms.Select(f => f.Form.Lead is null
                ? new ImportRow(f.Row, ImportRow.Invalid, null, f.Form.Errors.ToDictionary())
                : new ImportRow(f.Row, ImportRow.NotImported, null, null)).ToList();
            LogRefused(logger, fileId, forms.Count, invalid.Count);
            return new ImportResult(fileId, eventName, null, false, forms.Count, 0, 0, invalid.Count, results);
        }

        var now = time.GetUtcNow();
        var week = calendar.WindowContaining(now);
        var outcomes = new ConcurrentDictionary<int, ImportRow>();
        await Parallel.ForEachAsync(forms, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (f, ct) =>
        {
            var token = fileId + f.Row.ToString("x6", CultureInfo.InvariantCulture);
            var stored = await store.SaveAsync(week.Id, token, f.Form.Lead!, now, ct);
            var outcome = stored.Recognised ? ImportRow.AlreadyImported : stored.IsNew ? ImportRow.Stored : ImportRow.Duplicate;
            outcomes[f.Row] = new ImportRow(f.Row, outcome, stored.LeadId, null);
            if (stored.IsNew) await webhooks.TryEmitAsync(Webhooks.WebhookEvent.Received(week.Id, stored.LeadId, now), ct);
        });
        var ordered = outcomes.Values.OrderBy(r => r.Row).ToList();
        var result = new ImportResult(fileId, eventName, week.Id, true, ordered.Count, ordered.Count(r => r.Outcome == ImportRow.Stored), ordered.Count(r => r.Outcome == ImportRow.Duplicate), 0, ordered);
        LogImported(logger, fileId, week.Id, result.Stored, result.Duplicates, result.AlreadyImported);
        return result;
    }

    /// <summary>
    /// The rows as field dictionaries, by header name (the form's field names, any case). CsvHelper
    /// reads quoting, embedded line breaks and a byte-order mark; a file over <see cref="MaxRows"/>
    /// rows or with a malformed line is refused as a whole.
    /// </summary>
    private static List<Dictionary<string, string>> Parse(byte[] file)
    {
        using var reader = new StreamReader(new MemoryStream(file), new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { DetectDelimiter = true, TrimOptions = TrimOptions.None, BadDataFound = null });
        var rows = new List<Dictionary<string, string>>();
        if (!csv.Read() || !csv.ReadHeader()) return rows;
        var header = csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        while (csv.Read())
        {
            if (rows.Count == MaxRows) throw new ImportRefusedException($"A file may hold at most {MaxRows} rows.");
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                if (LeadFields.Names.Contains(header[i]) && csv.TryGetField<string>(i, out var value) && value is not null) row[header[i]] = value;
            }
            rows.Add(row);
        }
        return rows;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {FileId} refused: {Rows} rows, {Invalid} invalid; nothing stored")]
    private static partial void LogRefused(ILogger logger, string fileId, int rows, int invalid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {FileId} into {WindowId}: {Stored} stored, {Duplicates} duplicates, {AlreadyImported} already imported")]
    private static partial void LogImported(ILogger logger, string fileId, string windowId, int stored, int duplicates, int alreadyImported);
}

/// <summary>A file that cannot be read as an import at all (too many rows, not UTF-8): the caller answers 4xx naming why.</summary>
public sealed class ImportRefusedException(string message) : Exception(message);
