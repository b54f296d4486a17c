using LeadHandoff.Functions.Http;
using LeadHandoff.Intake;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LeadHandoff.Functions.Intake;

/// <summary>
/// <c>POST /api/integrations/leads</c> for server-to-server senders (Zapier, a CRM webhook, an event
/// platform). Each integration gets its own function key on this function, so one can be revoked
/// without touching the others or the website. The host has checked that key before this runs,
/// so the honeypot, the human check and the per-address rate limit do not apply; validation and
/// de-duplication do. Always JSON back: 201 with the id, 400 naming each bad field, 503 to retry.
/// </summary>
public sealed class SubmitIntegrationLead(LeadIntakeService intake, IntakeResponses responses)
{
    [Function(nameof(SubmitIntegrationLead))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "integrations/leads")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var form = await RequestBody.ReadAsync(request, LeadFields.MaxBodyBytes, allowJson: true, cancellationToken, LeadFields.Names);
        if (form is not SubmittedForm.Fields fields) return responses.For(form, json: true);

        var result = await intake.SubmitAsync(fields.Values, Submitter.Integration(), cancellationToken);
        return responses.For(result, json: true);
    }
}
