using LeadHandoff.Functions.Http;
using LeadHandoff.Imports;
using LeadHandoff.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LeadHandoff.Functions.Imports;

/// <summary>
/// <c>POST /api/leads/import?event=trade-show-2026</c> with a CSV body (UTF-8, a header row of the
/// form's field names): event leads by file, behind this function's own key for marketing. 200 with
/// a result per row when stored; 422 with each invalid row's errors when any row is invalid (then
/// nothing is stored); 400, 413 or 415 naming what is wrong with the request; 503 when storage
/// failed part way, when uploading the same file again finishes it without duplicates.
/// </summary>
public sealed class ImportLeads(LeadImportService imports)
{
    [Function(nameof(ImportLeads))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "leads/import")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var eventName = request.Query["event"].ToString().Trim();
        if (eventName.Length is 0 or > 200 || eventName.Any(char.IsControl))
            return Invalid("event", "event must name the event (1 to 200 characters on one line), e.g. trade-show-2026.");
        if (request.ContentType is { Length: > 0 } type && !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
            return WebResponse.Problem(StatusCodes.Status415UnsupportedMediaType, "Send the file as text/csv.");
        if (request.ContentLength > LeadImportService.MaxBytes)
            return WebResponse.Problem(StatusCodes.Status413PayloadTooLarge, $"A file may be at most {LeadImportService.MaxBytes / 1024 / 1024} MB.");

        var file = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            file.Write(buffer, 0, read);
            if (file.Length > LeadImportService.MaxBytes)
                return WebResponse.Problem(StatusCodes.Status413PayloadTooLarge, $"A file may be at most {LeadImportService.MaxBytes / 1024 / 1024} MB.");
        }

        try
        {
            var result = await imports.ImportAsync(file.ToArray(), eventName, cancellationToken);
            if (result.Rows == 0) return Invalid("file", "The file has no rows after its header.");
            return WebResponse.JsonBody(result.Imported ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity, result);
        }
        catch (ImportRefusedException ex)
        {
            return Invalid("file", ex.Message);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return Invalid("file", "The file must be UTF-8 text (save it as \"CSV UTF-8\").");
        }
        catch (StorageUnavailableException)
        {
            return WebResponse.Problem(StatusCodes.Status503ServiceUnavailable, "Storage failed part way through the import.",
                "Upload the same file again: rows already stored are recognised and not stored twice.").WithHeader("Retry-After", "30");
        }
    }

    private static WebResponse Invalid(string field, string message) =>
        WebResponse.Problem(StatusCodes.Status400BadRequest, "Invalid import.", errors: new Dictionary<string, string[]> { [field] = [message] });
}
