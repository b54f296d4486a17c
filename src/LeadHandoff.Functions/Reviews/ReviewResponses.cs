using LeadHandoff.Functions.Staff;
using LeadHandoff.Html;
using LeadHandoff.Leads;
using LeadHandoff.Reviews;
using LeadHandoff.Weeks;
using Microsoft.AspNetCore.Http;

namespace LeadHandoff.Functions.Reviews;

/// <summary>The review queue's answers: what an action did, a submission as JSON, and the page.</summary>
public static class ReviewResponses
{
    public static (int Status, string Message) Describe(ReviewOutcome outcome, TimeZoneInfo zone, StaffPageText t) => outcome switch
    {
        ReviewOutcome.Released { AlreadyDone: true } r => (StatusCodes.Status200OK, t["AlreadyReleased", r.LeadId, r.LeadWindowId]),
        ReviewOutcome.Released { JoinedBatch: true } r => (StatusCodes.Status200OK, t["ReleasedToBatch", r.LeadWindowId]),
        ReviewOutcome.Released { OwnerName: { } owner } r => (StatusCodes.Status200OK, t["ReleasedToOwner", owner, t.Local(r.DueBy!.Value, zone)]),
        ReviewOutcome.Released r => (StatusCodes.Status200OK, t["ReleasedDecided", r.LeadWindowId]),
        ReviewOutcome.ConfirmedSpam { AlreadyDone: true } => (StatusCodes.Status200OK, t["AlreadySpam"]),
        ReviewOutcome.ConfirmedSpam => (StatusCodes.Status200OK, t["ConfirmedSpam"]),
        ReviewOutcome.Refused r => (StatusCodes.Status409Conflict, t[r.Why]),
        ReviewOutcome.Invalid i => (StatusCodes.Status422UnprocessableEntity, t["CannotBecomeLead", string.Join(" ", i.Errors.In(ValidationText.For(t.Language)))]),
        _ => (StatusCodes.Status404NotFound, t["NoSuchSubmission"]),
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

    public static string Render(BatchWindow window, SlaCalendar calendar, IReadOnlyList<FlaggedSubmission> items, string? message, string selfUrl, StaffPageText t, string? formToken = null)
    {
        var previous = calendar.WindowOf(window.WeekStart.AddDays(-7));
        var next = calendar.WindowOf(window.WeekStart.AddDays(7));
        return HtmlTemplates.Render<ReviewQueuePage, ReviewQueuePage.Data>(new(
            t, window, calendar.TimeZone, items, message, selfUrl, previous.Id, WithWindow(selfUrl, previous.Id), next.Id, WithWindow(selfUrl, next.Id), formToken));
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
