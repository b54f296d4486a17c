using LeadHandoff.Functions.Http;
using LeadHandoff.Privacy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LeadHandoff.Functions.Privacy;

/// <summary><c>POST /api/privacy/erase</c> {"email": …}, behind a function key: removes the person everywhere, answers with counts.</summary>
public sealed class ErasePersonalData(PrivacyRequests requests, PrivacyService privacy)
{
    [Function(nameof(ErasePersonalData))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "privacy/erase")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (email, error) = await requests.ReadEmailAsync(request, cancellationToken);
        if (error is not null) return error;
        var counts = await privacy.EraseAsync(email!, cancellationToken);
        return WebResponse.JsonBody(StatusCodes.Status200OK, new { erased = counts });
    }
}
