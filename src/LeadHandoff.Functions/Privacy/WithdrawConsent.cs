using LeadHandoff.Functions.Http;
using LeadHandoff.Functions.Intake;
using LeadHandoff.Functions.Qualification;
using LeadHandoff.Privacy;
using LeadHandoff.Intake;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using static LeadHandoff.Email.EmailText;

namespace LeadHandoff.Functions.Privacy;

/// <summary>
/// <c>/api/privacy/withdraw</c>, for the people in the leads table themselves (anonymous):
/// GET shows a one-field form; POST {email} emails a confirmation link; the link (GET) shows a
/// confirm button and its POST erases them. GET and HEAD never change anything.
/// </summary>
public sealed class WithdrawConsent(WithdrawalService withdrawals, ClientRateLimiter rateLimiter, Microsoft.Extensions.Options.IOptions<IntakeOptions> options, Microsoft.Extensions.Options.IOptions<LeadHandoff.Branding.BrandOptions> brand)
{
    private const string Requested = "If we hold details for that address, we have emailed it a link to confirm. Nothing changes until you follow it.";

    [Function(nameof(WithdrawConsent))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "privacy/withdraw")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var token = request.Query["t"].ToString();
        var post = HttpMethods.IsPost(request.Method);
        if (token.Length == 0) return post ? await RequestAsync(request, cancellationToken) : Page(StatusCodes.Status200OK, RequestForm(null, null));

        var (check, requestId) = await withdrawals.OpenAsync(token, cancellationToken);
        // Said to a member of the public, in the company's name: what happened and what they can do.
        if (check != WithdrawalCheck.Pending)
            return check == WithdrawalCheck.Gone
                ? Page(StatusCodes.Status410Gone, "<h1>This link has expired or was already used</h1><div class=\"card\"><p>Links to erase your details work once, for 7 days. If your details were erased with it already, there is nothing more to do.</p><p><a href=\"withdraw\">Ask for a new link</a></p></div>")
                : Page(StatusCodes.Status403Forbidden, "<h1>This link is not valid</h1><div class=\"card\"><p>The link was changed or is incomplete. Open it again from the email we sent you, or <a href=\"withdraw\">ask for a new link</a>.</p></div>");
        if (!post)
            return Page(StatusCodes.Status200OK, $"<h1>Erase your details</h1><div class=\"card\"><p>This erases the details you gave us, everywhere we hold them. It cannot be undone.</p><form method=\"post\" action=\"?t={H(Uri.EscapeDataString(token))}\"><button type=\"submit\">Erase my details</button></form></div>");
        await withdrawals.ConfirmAsync(requestId!, cancellationToken);
        return Page(StatusCodes.Status200OK, "<h1>Your details have been erased</h1><div class=\"card\"><p>We no longer hold the details you gave us, and we will not contact you about them again.</p></div>");
    }

    private async Task<IActionResult> RequestAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var json = RequestBody.WantsJson(request);
        if (rateLimiter.TryAcquire(ClientAddress.Of(request, options.Value.ClientAddressHeader) ?? "unknown") is { } wait)
            return WebResponse.Problem(StatusCodes.Status429TooManyRequests, "Too many requests").WithHeader("Retry-After", ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var form = await RequestBody.ReadAsync(request, PrivacyRequests.SmallBody, allowJson: true, cancellationToken);
        if (form is not SubmittedForm.Fields and not SubmittedForm.Malformed) return BodyRefusal.For(form, json);
        var email = form is SubmittedForm.Fields fields ? PrivacyService.Normalise(fields.Values.GetValueOrDefault("email")) : null;
        if (email is null)
            return json
                ? WebResponse.Problem(StatusCodes.Status400BadRequest, "Invalid request.", errors: new Dictionary<string, string[]> { ["email"] = ["Email must be a valid email address."] })
                : Page(StatusCodes.Status400BadRequest, RequestForm("Enter the email address you gave us.", form is SubmittedForm.Fields typed ? typed.Values.GetValueOrDefault("email") : null));
        await withdrawals.RequestAsync(email, cancellationToken);
        return json
            ? WebResponse.JsonBody(StatusCodes.Status202Accepted, new { message = Requested })
            : Page(StatusCodes.Status200OK, $"<h1>Check your inbox</h1><div class=\"card\"><p role=\"status\">{H(Requested)}</p></div>");
    }

    /// <param name="typed">What the person entered, shown again after an error so they can correct it.</param>
    private string RequestForm(string? error, string? typed) =>
        "<h1>Stop using my details</h1>" + (error is null ? "" : $"<p class=\"errors\" role=\"alert\">{H(error)}</p>") +
        $"<div class=\"card\"><p>Give the email address you used on {H(brand.Value.Name)}'s forms. We will email it a link: following it erases everything we hold for it.</p>" +
        $"<form method=\"post\"><label for=\"email\">Email address</label><input id=\"email\" name=\"email\" type=\"email\" required autocomplete=\"email\" value=\"{H(typed)}\" style=\"display:block;width:100%;font:inherit;padding:.5rem;margin:.2rem 0 .8rem\">" +
        "<button type=\"submit\">Email me the link</button></form></div>";

    private WebResponse Page(int status, string body) => WebResponse.Page(status, PageLayout.Render("Your details", body, brand.Value));
}
