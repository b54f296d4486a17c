using LeadHandoff.Functions.Http;
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
    // The JSON API answers in English: its caller is a program.
    private const string Requested = "If we hold details for that address, we have emailed it a link to confirm. Nothing changes until you follow it.";

    [Function(nameof(WithdrawConsent))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "privacy/withdraw")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var token = request.Query["t"].ToString();
        var post = HttpMethods.IsPost(request.Method);
        // The language of the form the person used, carried by every link and form from here on.
        var t = PublicPageText.For(request.Query["lang"]);
        if (token.Length == 0) return post ? await RequestAsync(request, t, cancellationToken) : RequestForm(t, StatusCodes.Status200OK, null, null);

        var (check, requestId) = await withdrawals.OpenAsync(token, cancellationToken);
        // Said to a member of the public, in the company's name: what happened and what they can do.
        if (check != WithdrawalCheck.Pending)
            return check == WithdrawalCheck.Gone
                ? Notice(t, StatusCodes.Status410Gone, "GoneHeading", "GoneText", (NewLink(t), t["NewLink"]))
                : Notice(t, StatusCodes.Status403Forbidden, "InvalidHeading", "InvalidText", (NewLink(t), t["NewLink"]));
        if (!post)
            return WebResponse.Page(StatusCodes.Status200OK, HtmlTemplates.Render<WithdrawalConfirmPage, WithdrawalConfirmPage.Data>(new(t, brand.Value, $"?t={Uri.EscapeDataString(token)}{Lang(t, '&')}")));
        await withdrawals.ConfirmAsync(requestId!, cancellationToken);
        return Notice(t, StatusCodes.Status200OK, "ErasedHeading", "ErasedText");
    }

    private async Task<IActionResult> RequestAsync(HttpRequest request, PublicPageText t, CancellationToken cancellationToken)
    {
        var json = RequestBody.WantsJson(request);
        if (rateLimiter.TryAcquire(ClientAddress.Of(request, options.Value.ClientAddressHeader) ?? "unknown") is { } wait)
            return (json ? WebResponse.Problem(StatusCodes.Status429TooManyRequests, "Too many requests") : Notice(t, StatusCodes.Status429TooManyRequests, "TooManyTitle", "TooManyText")).WithHeader("Retry-After", ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var form = await RequestBody.ReadAsync(request, PrivacyRequests.SmallBody, allowJson: true, cancellationToken);
        if (form is not SubmittedForm.Fields and not SubmittedForm.Malformed) return BodyRefusal.For(form, json, t, brand.Value);
        var email = form is SubmittedForm.Fields fields ? PrivacyService.Normalise(fields.Values.GetValueOrDefault("email")) : null;
        if (email is null)
            return json
                ? WebResponse.Problem(StatusCodes.Status400BadRequest, "Invalid request.", errors: new Dictionary<string, string[]> { ["email"] = ["Email must be a valid email address."] })
                : RequestForm(t, StatusCodes.Status400BadRequest, t["EnterEmail"], form is SubmittedForm.Fields typed ? typed.Values.GetValueOrDefault("email") : null);
        await withdrawals.RequestAsync(email, t.Language, cancellationToken);
        return json
            ? WebResponse.JsonBody(StatusCodes.Status202Accepted, new { message = Requested })
            : WebResponse.Page(StatusCodes.Status200OK, Notices.Render(new(t["DetailsTitle"], t["CheckInbox"], [t["Requested"]], brand.Value, Status: true, Language: t.Language)));
    }

    /// <param name="typed">What the person entered, shown again after an error so they can correct it.</param>
    private WebResponse RequestForm(PublicPageText t, int status, string? error, string? typed) =>
        WebResponse.Page(status, HtmlTemplates.Render<WithdrawalRequestPage, WithdrawalRequestPage.Data>(new(t, brand.Value, error, typed)));

    private WebResponse Notice(PublicPageText t, int status, string heading, string text, (string Href, string Label)? link = null) =>
        WebResponse.Page(status, Notices.Render(new(t["DetailsTitle"], t[heading], [t[text]], brand.Value, link, Language: t.Language)));

    /// <summary>The form to ask again, in the same language.</summary>
    private static string NewLink(PublicPageText t) => "withdraw" + Lang(t, '?');

    private static string Lang(PublicPageText t, char separator) => t.Language == "th" ? $"{separator}lang=th" : "";
}
