using LeadHandoff.Functions.Http;
using LeadHandoff.Qualification;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace LeadHandoff.Functions.Qualification;

/// <summary>What a qualify page needs from its kind of link: which leads it covers, how to show them, how to decide one.</summary>
public interface IDecisionPage<TAccess>
{
    /// <summary>The lead a posted form is about, or null when the link does not cover it.</summary>
    string? LeadOf(TAccess access, IReadOnlyDictionary<string, string>? fields);

    /// <param name="entered">What the person submitted, when a decision was refused: shown again in the form, never lost.</param>
    WebResponse Render(string token, TAccess access, string? focusLead, string? done, FieldErrors? errors, int status, IReadOnlyDictionary<string, string>? entered = null);

    Task<DecisionResult> DecideAsync(TAccess access, string leadId, DecisionRequest decision, CancellationToken cancellationToken);

    /// <summary>Whether the redirect after a decision names the lead (a page of several) or not (a page of one).</summary>
    bool NamesLead { get; }
}

/// <summary>
/// The one flow both qualify pages follow. GET and HEAD only read (mail scanners prefetch every
/// link); POST reads the decision, records it, then redirects back (post/redirect/get). A refused
/// decision shows the page again, status 400, with the error beside that lead and everything the
/// person entered still in the form.
/// </summary>
public static class DecisionFlow
{
    public static async Task<IActionResult> RunAsync<TAccess>(HttpRequest request, QualificationService qualification, IDecisionPage<TAccess> page,
        Func<string, Task<(TAccess? Granted, Refusal? Refused)>> open, CancellationToken cancellationToken)
        where TAccess : class
    {
        var token = request.Query["t"].ToString();
        var (access, refused) = await open(token);
        if (access is null) return QualificationResponses.Refused(request, refused ?? Refusal.Forbidden);
        if (!HttpMethods.IsPost(request.Method))
        {
            // A one-tap link from the email opens the page with that choice made; only the POST records it.
            var choice = request.Query["choose"].ToString();
            var preset = choice is "accept" or "reject" or "nurture" ? new Dictionary<string, string> { ["decision"] = choice } : null;
            return page.Render(token, access, request.Query["lead"], request.Query["done"], null, StatusCodes.Status200OK, preset);
        }

        var (decision, errors, fields) = await QualificationResponses.ReadDecisionAsync(request, qualification, cancellationToken);
        // The token covers its own leads and nothing else.
        if (page.LeadOf(access, fields) is not { } leadId) return QualificationResponses.Refused(request, Refusal.Forbidden);
        if (decision is null) return page.Render(token, access, leadId, null, errors, StatusCodes.Status400BadRequest, fields);

        var result = await page.DecideAsync(access, leadId, decision, cancellationToken);
        return result is DecisionResult.Refused gone
            ? QualificationResponses.Refused(request, gone.Why)
            : QualificationResponses.BackToPage(request, token, result, page.NamesLead ? leadId : null);
    }
}
