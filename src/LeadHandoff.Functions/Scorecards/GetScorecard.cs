using LeadHandoff.Functions.Http;
using LeadHandoff.Html;
using LeadHandoff.Qualification;
using LeadHandoff.Scorecards;
using LeadHandoff.Weeks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Functions.Scorecards;

/// <summary>
/// <c>GET /api/scorecard?weeks=12&amp;end=2026-W50</c>, behind a function key: JSON by default, CSV
/// for <c>Accept: text/csv</c>, an HTML page with charts for a browser (<c>format=</c> overrides).
/// </summary>
public sealed class GetScorecard(ScorecardService scorecards, SlaCalendar calendar, QualificationService qualification, IOptions<ScorecardOptions> options)
{
    [Function(nameof(GetScorecard))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "scorecard")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var weeksText = request.Query["weeks"].ToString();
        var weeks = options.Value.TrailingWeeks;
        if (weeksText.Length > 0 && (!int.TryParse(weeksText, out weeks) || weeks is < 1 or > ScorecardService.MaxWeeks))
            return Invalid("weeks", $"weeks must be a whole number from 1 to {ScorecardService.MaxWeeks}.");
        var endText = request.Query["end"].ToString();
        var end = endText.Length == 0 ? scorecards.LatestClosedWindow() : calendar.WindowOf(endText);
        if (end is null) return Invalid("end", "end must be a batch week such as 2026-W50.");

        var card = await scorecards.BuildAsync(end, weeks, cancellationToken);
        // Signed in, the reader's language; with a key, nobody in particular: English.
        var text = ScorecardPageText.For(request.HttpContext.Items[Staff.StaffRequest.LanguageItem] as string);
        return Format(request) switch
        {
            "csv" => new WebResponse(StatusCodes.Status200OK, "text/csv; charset=utf-8", ScorecardCsv.Write(card))
                .WithHeader("Content-Disposition", $"attachment; filename=\"scorecard-{card.To}.csv\""),
            "html" => WebResponse.Page(StatusCodes.Status200OK, HtmlTemplates.Render<ScorecardPage, ScorecardPage.Data>(new(card,
                qualification.Reasons.ToDictionary(r => r.Id, r => r.LabelIn(text.Language)), text))),
            _ => WebResponse.JsonBody(StatusCodes.Status200OK, card),
        };
    }

    private static string Format(HttpRequest request)
    {
        var format = request.Query["format"].ToString().ToLowerInvariant();
        if (format is "csv" or "html" or "json") return format;
        var accept = request.Headers.Accept.ToString();
        if (accept.Contains("text/csv", StringComparison.OrdinalIgnoreCase)) return "csv";
        if (accept.Contains("text/html", StringComparison.OrdinalIgnoreCase)) return "html";
        return "json";
    }

    private static WebResponse Invalid(string field, string message) =>
        WebResponse.Problem(StatusCodes.Status400BadRequest, "Invalid scorecard request.", errors: new Dictionary<string, string[]> { [field] = [message] });
}
