using LeadHandoff.Functions.Http;
using LeadHandoff.Functions.Staff;
using LeadHandoff.Reviews;
using LeadHandoff.Weeks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LeadHandoff.Functions.Reviews;

/// <summary>
/// <c>/api/review?window=2026-W50</c>: marketing's review queue. GET lists a week's flagged
/// submissions (HTML, or JSON for <c>format=json</c>); POST with <c>action=release|spam</c> and
/// <c>id</c> acts on one. Behind this function's own key: give marketing a key created on
/// <c>ReviewQueue</c>, which opens nothing else, and never the host key that also opens the privacy
/// endpoints. Staff sign-in replaces it when the roster moves into storage.
/// </summary>
public sealed class ReviewQueue(ReviewQueueService queue, SlaCalendar calendar, TimeProvider time)
{
    // Who acted, for the audit row: a function key does not say which person holds it.
    private const string Reviewer = "review key";

    /// <summary>The signed-in person when the staff pages brought the request here, else the key.</summary>
    private static string By(HttpRequest request) =>
        request.HttpContext.Items.TryGetValue(Staff.StaffRequest.SignedInItem, out var who) && who is string name ? name : Reviewer;

    [Function(nameof(ReviewQueue))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = "review")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var windowText = request.Query["window"].ToString();
        var window = windowText.Length == 0 ? calendar.WindowContaining(time.GetUtcNow()) : calendar.WindowOf(windowText);
        if (window is null)
            return WebResponse.Problem(StatusCodes.Status400BadRequest, "Invalid review request.", errors: new Dictionary<string, string[]> { ["window"] = ["window must be a batch week such as 2026-W50."] });

        var json = request.Query["format"].ToString() == "json";
        var t = json ? StaffPageText.English : StaffRequest.TextFor(request);
        string? message = null;
        var status = StatusCodes.Status200OK;
        if (HttpMethods.IsPost(request.Method))
        {
            var form = await RequestBody.ReadAsync(request, 4096, allowJson: false, cancellationToken);
            if (form is not SubmittedForm.Fields fields) return BodyRefusal.For(form, json: false);
            var id = fields.Values.GetValueOrDefault("id") ?? "";
            var outcome = fields.Values.GetValueOrDefault("action") switch
            {
                "release" => await queue.ReleaseAsync(window.Id, id, By(request), cancellationToken),
                "spam" => await queue.ConfirmSpamAsync(window.Id, id, By(request), cancellationToken),
                _ => null,
            };
            if (outcome is null)
                return WebResponse.Problem(StatusCodes.Status400BadRequest, "Invalid review request.", errors: new Dictionary<string, string[]> { ["action"] = ["action must be release or spam."] });
            (status, message) = ReviewResponses.Describe(outcome, calendar.TimeZone, t);
        }

        var items = await queue.ListAsync(window.Id, cancellationToken);
        if (json)
            return WebResponse.JsonBody(status, new { window = window.Id, message, submissions = items.Select(ReviewResponses.Json) });
        return WebResponse.Page(status, ReviewResponses.Render(window, calendar, items, message, request.Path + request.QueryString.ToString(), t, StaffForms.TokenOf(request)));
    }
}
