using LeadHandoff.Functions.Http;
using LeadHandoff.Html.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LeadHandoff.Functions.Intake;

/// <summary>
/// <c>GET /api/thanks</c>: where a browser form lands after a successful post when the site names no
/// thank-you page of its own, as form backends do. Without it a visitor would see a 404 and submit again.
/// <c>lang=th</c> (the form's language, passed on by the redirect) answers in Thai.
/// </summary>
public sealed class ThankYouPage(Microsoft.Extensions.Options.IOptions<LeadHandoff.Branding.BrandOptions> brand)
{
    /// <summary>Relative to the function app, so the redirect works on any host name it is served under.</summary>
    public const string Path = "/api/thanks";

    [Function(nameof(ThankYouPage))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "thanks")] HttpRequest request) =>
        Page(PublicPageText.For(request.Query["lang"]));

    private WebResponse Page(PublicPageText t) =>
        WebResponse.Page(StatusCodes.Status200OK, Notices.Render(new(t["ThanksTitle"], t["ThanksTitle"],
            [t["ThanksReceived", brand.Value.Name], t["ThanksClose"]], brand.Value, LastIsQuiet: true, Language: t.Language)));
}
