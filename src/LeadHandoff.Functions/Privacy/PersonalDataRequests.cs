using LeadHandoff.Functions.Http;
using LeadHandoff.Privacy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LeadHandoff.Functions.Privacy;

/// <summary>
/// An admin's requests about one person, <c>{"email": …}</c>, behind a function key:
/// <c>POST /api/privacy/erase</c> removes them everywhere and answers with counts;
/// <c>POST /api/privacy/export</c> answers with everything held for them.
/// </summary>
public sealed class PersonalDataRequests(PrivacyRequests requests, PrivacyService privacy)
{
    [Function("ErasePersonalData")]
    public async Task<IActionResult> Erase(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "privacy/erase")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (email, error) = await requests.ReadEmailAsync(request, cancellationToken);
        if (error is not null) return error;
        var counts = await privacy.EraseAsync(email!, cancellationToken);
        return WebResponse.JsonBody(StatusCodes.Status200OK, new { erased = counts });
    }

    [Function("ExportPersonalData")]
    public async Task<IActionResult> Export(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "privacy/export")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (email, error) = await requests.ReadEmailAsync(request, cancellationToken);
        if (error is not null) return error;
        var data = await privacy.ExportAsync(email!, cancellationToken);
        return WebResponse.JsonBody(StatusCodes.Status200OK, new
        {
            leads = data.Leads,
            decisionHistory = data.DecisionHistory.Select(h => new { week = h.WindowId, h.LeadId, h.Revision, h.Decision, h.Reason, h.Note, h.DecidedBy, h.DecidedAt, h.OnTime, h.PreviousDecision }),
            submissions = data.Submissions,
        }).WithHeader("Cache-Control", "no-store");
    }
}
