using LeadHandoff.Functions.Http;
using LeadHandoff.Intake;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LeadHandoff.Functions.Intake;

/// <summary>
/// <c>POST /api/leads</c> from website forms. Anonymous on purpose: a browser form cannot keep a key secret,
/// so the honeypot, Turnstile and the rate limit stand guard instead.
/// </summary>
public sealed class SubmitLead(LeadIntakeService intake, IntakeResponses responses, Microsoft.Extensions.Options.IOptions<IntakeOptions> options)
{
    [Function(nameof(SubmitLead))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "leads")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var json = RequestBody.WantsJson(request);
        var form = await RequestBody.ReadAsync(request, LeadFields.MaxBodyBytes, allowJson: true, cancellationToken, LeadFields.Names);
        if (form is not SubmittedForm.Fields fields) return responses.For(form, json, BrowserLanguage.Of(request));

        var result = await intake.SubmitAsync(fields.Values, Submitter.Browser(ClientAddress.Of(request, options.Value.ClientAddressHeader), FormOrigin.Of(request)), cancellationToken);
        return responses.For(result, json, fields.Values.GetValueOrDefault("lang"));
    }
}
