using LeadHandoff.Calendar;
using LeadHandoff.Leads;
using LeadHandoff.Reviews;
using Microsoft.AspNetCore.Http;
using LeadHandoff.Html;
using LeadHandoff.Html.Pages;
using static LeadHandoff.Email.EmailText;

namespace LeadHandoff.Functions.Reviews;

/// <summary>The review queue's answers: what an action did, a submission as JSON, and the page.</summary>
public static class ReviewResponses
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
        var previous = calendar.WindowOf(window.WeekStart.AddDays(-7));
        var next = calendar.WindowOf(window.WeekStart.AddDays(7));
        return HtmlTemplates.Render<ReviewQueuePage, ReviewQueuePage.Data>(new(
            window, calendar.TimeZone, items, message, selfUrl, previous.Id, WithWindow(selfUrl, previous.Id), next.Id, WithWindow(selfUrl, next.Id)));
    }

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
