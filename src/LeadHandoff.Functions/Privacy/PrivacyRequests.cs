using LeadHandoff.Functions.Http;
using LeadHandoff.Privacy;
using Microsoft.AspNetCore.Http;

namespace LeadHandoff.Functions.Privacy;

/// <summary>Reads the one field the privacy endpoints take: the person's email, as JSON or a form.</summary>
public sealed class PrivacyRequests
{
    /// <summary>One address needs no more.</summary>
    public const int SmallBody = 16 * 1024;

    public async Task<(string? Email, WebResponse? Error)> ReadEmailAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var form = await RequestBody.ReadAsync(request, SmallBody, allowJson: true, cancellationToken);
        if (form is not SubmittedForm.Fields fields) return (null, BodyRefusal.For(form, json: true));
        var email = PrivacyService.Normalise(fields.Values.GetValueOrDefault("email"));
        return email is null
            ? (null, WebResponse.Problem(StatusCodes.Status400BadRequest, "Invalid request.", errors: new Dictionary<string, string[]> { ["email"] = ["Email must be a valid email address."] }))
            : (email, null);
    }
}
