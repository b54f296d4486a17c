using LeadHandoff.Functions.Http;
using LeadHandoff.Privacy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LeadHandoff.Functions.Privacy;

/// <summary><c>POST /api/privacy/export</c> {"email": …}, behind a function key: everything held for that person, as JSON.</summary>
public sealed class ExportPersonalData(PrivacyRequests requests, PrivacyService privacy)
{
    [Function(nameof(ExportPersonalData))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "privacy/export")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (email, error) = await requests.ReadEmailAsync(request, cancellationToken);
        if (error is not null) return error;
        var data = await privacy.ExportAsync(email!, cancellationToken);
        return WebResponse.JsonBody(StatusCodes.Status200OK, new
        {
            leads = data.Leads,
            decisionHistory = data.DecisionHistory.Select(h => new { week = h.PartitionKey, h.LeadId, h.Revision, h.Decision, h.Reason, h.Note, h.DecidedBy, h.DecidedAt, h.OnTime, h.PreviousDecision }),
            submissions = data.Submissions,
        }).WithHeader("Cache-Control", "no-store");
    }
}
