using System.Text;
using LeadHandoff.Calendar;
using LeadHandoff.Functions.Http;
using LeadHandoff.Leads;
using LeadHandoff.Reviews;
using Microsoft.AspNetCore.Http;
using static LeadHandoff.Email.EmailText;

namespace LeadHandoff.Functions.Reviews;

/// <summary>The review queue page: one card per flagged submission, newest first, with its two actions while it is open.</summary>
public static class ReviewPage
{
    public static (int Status, string Message) Describe(ReviewOutcome outcome, TimeZoneInfo zone) => outcome switch
    {
        ReviewOutcome.Released { AlreadyDone: true } r => (StatusCodes.Status200OK, $"Already released: it is lead {r.LeadId} in week {r.LeadWindowId}."),
        ReviewOutcome.Released { JoinedBatch: true } r => (StatusCodes.Status200OK, $"Released: it is a lead now and goes to sales in the batch of week {r.LeadWindowId}."),
        ReviewOutcome.Released { OwnerName: { } owner } r => (StatusCodes.Status200OK,
            $"Released: its batch had gone, so it was emailed to {owner} now, due by {Local(r.DueBy!.Value, zone)}. Next week's batch lists it too."),
        ReviewOutcome.Released r => (StatusCodes.Status200OK, $"Released into week {r.LeadWindowId}: the person's lead there had been decided or erased already, so nothing new was sent."),
        ReviewOutcome.ConfirmedSpam { AlreadyDone: true } => (StatusCodes.Status200OK, "Already confirmed as spam."),
        ReviewOutcome.ConfirmedSpam => (StatusCodes.Status200OK, "Confirmed as spam: it stays out of sales' hands and is deleted with its week."),
        ReviewOutcome.Refused r => (StatusCodes.Status409Conflict, r.Message),
        ReviewOutcome.Invalid i => (StatusCodes.Status422UnprocessableEntity, "It cannot become a lead as it stands: " + string.Join(" ", i.Errors.Messages)),
        _ => (StatusCodes.Status404NotFound, "No flagged submission with that id in this week."),
    };

    public static object Json(FlaggedSubmission s) => new
    {
        id = s.Id,
        kind = s.Kind.ToString(),
        reason = s.Reason,
        reasonText = FlagReasons.Describe(s.Reason),
        receivedAt = s.ReceivedAt,
        offer = s.Field("offer"),
        origin = s.Origin,
        review = s.Review.ToString(),
        reviewedAt = s.ReviewedAt,
        releasedTo = s.ReleasedLeadId is null ? null : $"{s.ReleaseWindowId}/{s.ReleasedLeadId}",
        fields = s.Fields,
    };

    public static string Render(BatchWindow window, SlaCalendar calendar, IReadOnlyList<FlaggedSubmission> items, string? message, string selfUrl)
    {
        var zone = calendar.TimeZone;
        var open = items.Count(i => i.Review is ReviewState.Open or ReviewState.Releasing);
        var previous = calendar.WindowOf(window.WeekStart.AddDays(-7));
        var next = calendar.WindowOf(window.WeekStart.AddDays(7));
        var body = new StringBuilder()
            .Append($"<h1>Review queue: week {H(window.Id)}</h1>")
            .Append($"<p class=\"muted\">Submissions received from {H(Local(window.OpensAt, zone))} to {H(Local(window.ClosesAt, zone))} that were kept from sales. ")
            .Append("Release the ones that came from real people; confirm the rest as spam.</p>")
            .Append($"<p><a href=\"{H(WithWindow(selfUrl, previous.Id))}\">Week {H(previous.Id)}</a> · <a href=\"{H(WithWindow(selfUrl, next.Id))}\">Week {H(next.Id)}</a></p>");
        if (message is not null) body.Append($"<p class=\"status\" role=\"status\">{H(message)}</p>");
        body.Append($"<p><strong>{open}</strong> waiting for review, {items.Count(i => i.Review == ReviewState.Released)} released, {items.Count(i => i.Review == ReviewState.ConfirmedSpam)} confirmed as spam.</p>");

        foreach (var item in items)
        {
            var title = item.Field("company") ?? item.Field("name") ?? "(no company or name given)";
            body.Append($"<section class=\"card\" id=\"s-{H(item.Id)}\" aria-labelledby=\"t-{H(item.Id)}\"><h2 id=\"t-{H(item.Id)}\">{H(title)}</h2><dl>")
                .Append($"<dt>Received</dt><dd>{H(Local(item.ReceivedAt, zone))}</dd>")
                .Append($"<dt>Why held back</dt><dd>{H(FlagReasons.Describe(item.Reason))}</dd>")
                .Append($"<dt>Offer</dt><dd>{H(item.Field("offer") ?? "not given")}</dd>")
                .Append($"<dt>Form</dt><dd>{H(item.Origin ?? "not known (no Origin or Referer)")}</dd>")
                .Append($"<dt>Name</dt><dd>{H(item.Field("name") ?? "not given")}</dd>")
                .Append($"<dt>Email</dt><dd>{H(item.Field("email") ?? "not given")}</dd>")
                .Append($"<dt>Message</dt><dd>{H(item.Field("message") ?? "not given")}</dd>")
                .Append($"<dt>Status</dt><dd>{H(Status(item, zone))}</dd></dl>");
            if (item.Review is ReviewState.Open or ReviewState.Releasing)
            {
                body.Append($"<form method=\"post\" action=\"{H(selfUrl)}\"><input type=\"hidden\" name=\"id\" value=\"{H(item.Id)}\">")
                    .Append("<p><button name=\"action\" value=\"release\">Release as a lead</button> ")
                    .Append("<button name=\"action\" value=\"spam\" style=\"background:#5a6472\">Confirm spam</button></p></form>");
            }
            body.Append("</section>");
        }
        if (items.Count == 0) body.Append("<div class=\"card\"><p>Nothing was held back this week.</p></div>");
        return PageLayout.Render($"Review queue {window.Id}", body.ToString());
    }

    private static string Status(FlaggedSubmission item, TimeZoneInfo zone) => item.Review switch
    {
        ReviewState.Released => $"released on {Local(item.ReviewedAt!.Value, zone)} as lead {item.ReleasedLeadId} (week {item.ReleaseWindowId})",
        ReviewState.ConfirmedSpam => $"confirmed as spam on {Local(item.ReviewedAt!.Value, zone)}",
        ReviewState.Releasing => "a release began and did not finish: release it again to finish",
        _ => "waiting for review",
    };

    /// <summary>The same page for another week, keeping the rest of the query (the key, when it came that way).</summary>
    private static string WithWindow(string selfUrl, string windowId)
    {
        var q = selfUrl.IndexOf('?', StringComparison.Ordinal);
        var query = q >= 0 ? QueryHelpers(selfUrl[(q + 1)..]) : [];
        query.RemoveAll(p => p.Key == "window");
        query.Insert(0, new("window", windowId));
        var path = q >= 0 ? selfUrl[..q] : selfUrl;
        return path + "?" + string.Join("&", query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
    }

    private static List<KeyValuePair<string, string>> QueryHelpers(string query) =>
        [.. Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery("?" + query).SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? "")))];
}
