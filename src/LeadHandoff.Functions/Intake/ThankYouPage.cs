using LeadHandoff.Functions.Http;
using LeadHandoff.Functions.Qualification;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LeadHandoff.Functions.Intake;

/// <summary>
/// <c>GET /api/thanks</c>: where a browser form lands after a successful post when the site names no
/// thank-you page of its own, as form backends do. Without it a visitor would see a 404 and submit again.
/// </summary>
public sealed class ThankYouPage(Microsoft.Extensions.Options.IOptions<LeadHandoff.Branding.BrandOptions> brand)
{
    /// <summary>Relative to the function app, so the redirect works on any host name it is served under.</summary>
    public const string Path = "/api/thanks";

    [Function(nameof(ThankYouPage))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "thanks")] HttpRequest request) =>
        WebResponse.Page(StatusCodes.Status200OK, Notices.Render(new("Thank you", "Thank you",
            [$"{brand.Value.Name} has your details. Someone from our sales team will be in touch.", "You can close this page."], brand.Value, LastIsQuiet: true)));
}
