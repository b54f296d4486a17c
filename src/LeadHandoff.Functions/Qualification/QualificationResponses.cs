using LeadHandoff.Functions.Http;
using LeadHandoff.Intake;
using LeadHandoff.Qualification;
using Microsoft.AspNetCore.Http;

namespace LeadHandoff.Functions.Qualification;

public static class QualificationResponses
{
    /// <summary>403 for a link that is not valid, 410 for one that expired or whose lead is gone: a friendly page either way.</summary>
    public static WebResponse Refused(Refusal why) => why == Refusal.Gone
        ? WebResponse.Page(StatusCodes.Status410Gone, PageLayout.Refused(expired: true))
        : WebResponse.Page(StatusCodes.Status403Forbidden, PageLayout.Refused(expired: false));

    public static FieldErrors Unreadable()
    {
        var errors = new FieldErrors();
        errors.Add("body", "The form could not be read. Please submit it again.");
        return errors;
    }
}
