using LeadHandoff.Functions.Http;
using LeadHandoff.Qualification;
using Microsoft.AspNetCore.Http;

namespace LeadHandoff.Functions.Qualification;

public static class QualificationResponses
{
    /// <summary>
    /// 403 for a link that is not valid, 410 for one that expired or whose lead is gone: a friendly
    /// page either way, with no personal data. Its reader is a rep whose link no longer says who they
    /// are, so it answers in the browser's language.
    /// </summary>
    public static WebResponse Refused(HttpRequest request, Refusal why)
    {
        var t = RepPageText.For(BrowserLanguage.Of(request));
        return why == Refusal.Gone
            ? WebResponse.Page(StatusCodes.Status410Gone, Notices.Render(new(t["ExpiredTitle"], t["ExpiredHeading"], [t["ExpiredText"]], Language: t.Language)))
            : WebResponse.Page(StatusCodes.Status403Forbidden, Notices.Render(new(t["InvalidLinkTitle"], t["InvalidLinkHeading"], [t["InvalidLinkText"]], Language: t.Language)));
    }

    /// <summary>The decision a page's form posted, or what is wrong with it.</summary>
    public static async Task<(DecisionRequest? Decision, FieldErrors Errors, IReadOnlyDictionary<string, string>? Fields)> ReadDecisionAsync(HttpRequest request, QualificationService qualification, CancellationToken cancellationToken)
    {
        if (await RequestBody.ReadAsync(request, 16 * 1024, allowJson: false, cancellationToken) is not SubmittedForm.Fields { Values: var fields })
        {
            var errors = new FieldErrors();
            errors.Add("body", "FormUnreadable");
            return (null, errors, null);
        }
        var (decision, problems) = qualification.Parse(fields);
        return (decision is null ? null : decision with { UserAgent = UserAgentOf(request) }, problems, fields);
    }

    /// <summary>The browser (or mail scanner) that posted a decision, as the audit keeps it beside who and when.</summary>
    public static string? UserAgentOf(HttpRequest request) =>
        request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? TextNormaliser.Sanitise(agent, DecisionRequest.MaxUserAgentLength) : null;

    /// <summary>Post/redirect/get: back to the page, saying what happened.</summary>
    public static WebResponse BackToPage(HttpRequest request, string token, DecisionResult result, string? leadId = null) =>
        WebResponse.SeeOther($"{request.Path}?t={Uri.EscapeDataString(token)}{(leadId is null ? "" : $"&lead={Uri.EscapeDataString(leadId)}")}&done={DoneCodes.Of(result)}{(leadId is null ? "" : $"#lead-{leadId}")}");
}
