using LeadHandoff.Agreement;
using LeadHandoff.Functions.Http;
using LeadHandoff.Html;
using LeadHandoff.Scorecards;
using LeadHandoff.Weeks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LeadHandoff.Functions.Agreement;

/// <summary>
/// <c>GET /api/agreement</c>, behind a key made on this function (or <c>/api/staff/agreement</c>
/// signed in, with the forms to propose and answer changes): the agreement in force, this week so
/// far, the last 8 weeks' grades, every version and the open proposal. HTML in the reader's
/// language, printable; JSON with <c>format=json</c>.
/// </summary>
public sealed class GetAgreement(AgreementService agreement, ScorecardService scorecards, SlaCalendar calendar)
{
    public const int GradedWeeks = 8;

    [Function(nameof(GetAgreement))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "agreement")] HttpRequest request,
        CancellationToken cancellationToken) =>
        await PageAsync(request, null, null, StatusCodes.Status200OK, null, null, cancellationToken);

    /// <param name="viewer">The signed-in member, for the forms; null on the keyed route (read only).</param>
    public async Task<WebResponse> PageAsync(HttpRequest request, AgreementViewer? viewer, string? message, int status, FieldErrors? errors, IReadOnlyDictionary<string, string>? entered, CancellationToken cancellationToken)
    {
        var state = await agreement.CurrentAsync(cancellationToken);
        var next = agreement.NextWeek();
        var inForce = state.InForce(next.WeekStart);
        var weeks = (await scorecards.BuildAsync(scorecards.LatestClosedWindow(), GradedWeeks, cancellationToken)).Weeks;
        var open = await scorecards.ProgressAsync(cancellationToken);
        if (request.Query["format"] == "json") return WebResponse.JsonBody(status, AgreementJson.Of(state, inForce, open, weeks));
        // Signed in, the reader's language; with a key, the browser's.
        var text = AgreementPageText.For(request.HttpContext.Items[Staff.StaffRequest.LanguageItem] as string ?? BrowserLanguage.Of(request));
        if (message is null && request.Query["done"].ToString() is { Length: > 0 } done && text.Has(done)) message = text[done, next.Id];
        return WebResponse.Page(status, HtmlTemplates.Render<AgreementPage, AgreementPage.Data>(new(
            text, inForce, state.Latest.Terms, state.Versions, state.Open, next, next.Id, calendar.TimeZone, open, [.. weeks.Reverse()], viewer, message, errors, entered)));
    }
}
