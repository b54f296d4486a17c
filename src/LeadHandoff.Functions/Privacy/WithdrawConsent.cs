using LeadHandoff.Functions.Http;
using LeadHandoff.Functions.Intake;
using LeadHandoff.Functions.Qualification;
using LeadHandoff.Privacy;
using LeadHandoff.Intake;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using LeadHandoff.Html;
using LeadHandoff.Html.Pages;

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
        if (token.Length == 0) return post ? await RequestAsync(request, cancellationToken) : RequestForm(StatusCodes.Status200OK, null, null);

        var (check, requestId) = await withdrawals.OpenAsync(token, cancellationToken);
        // Said to a member of the public, in the company's name: what happened and what they can do.
        if (check != WithdrawalCheck.Pending)
            return check == WithdrawalCheck.Gone
                ? Notice(StatusCodes.Status410Gone, "This link has expired or was already used", "Links to erase your details work once, for 7 days. If your details were erased with it already, there is nothing more to do.", ("withdraw", "Ask for a new link"))
                : Notice(StatusCodes.Status403Forbidden, "This link is not valid", "The link was changed or is incomplete. Open it again from the email we sent you, or ask for a new link.", ("withdraw", "Ask for a new link"));
        if (!post)
            return WebResponse.Page(StatusCodes.Status200OK, HtmlTemplates.Render<WithdrawalConfirmPage, WithdrawalConfirmPage.Data>(new(brand.Value, $"?t={Uri.EscapeDataString(token)}")));
        await withdrawals.ConfirmAsync(requestId!, cancellationToken);
        return Notice(StatusCodes.Status200OK, "Your details have been erased", "We no longer hold the details you gave us, and we will not contact you about them again.");
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
                : RequestForm(StatusCodes.Status400BadRequest, "Enter the email address you gave us.", form is SubmittedForm.Fields typed ? typed.Values.GetValueOrDefault("email") : null);
        await withdrawals.RequestAsync(email, cancellationToken);
        return json
            ? WebResponse.JsonBody(StatusCodes.Status202Accepted, new { message = Requested })
            : WebResponse.Page(StatusCodes.Status200OK, Notices.Render(new("Your details", "Check your inbox", [Requested], brand.Value, Status: true)));
    }

    /// <param name="typed">What the person entered, shown again after an error so they can correct it.</param>
    private WebResponse RequestForm(int status, string? error, string? typed) =>
        WebResponse.Page(status, HtmlTemplates.Render<WithdrawalRequestPage, WithdrawalRequestPage.Data>(new(brand.Value, error, typed)));

    private WebResponse Notice(int status, string heading, string text, (string Href, string Label)? link = null) =>
        WebResponse.Page(status, Notices.Render(new("Your details", heading, [text], brand.Value, link)));
}
