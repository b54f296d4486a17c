using Microsoft.AspNetCore.Http;

namespace LeadHandoff.Functions.Staff;

/// <summary>
/// What a staff page reached through <c>/api/staff</c> finds on its request: who is signed in and
/// their language. The staff home sets them; the pages behind it only read them, so they need not
/// know the home (which knows them all).
/// </summary>
public static class StaffRequest
{
    /// <summary>Where a page finds who is signed in (the review queue's audit names them).</summary>
    public const string SignedInItem = "LeadHandoff.StaffMember";

    /// <summary>Where a page finds the signed-in member's language (en or th).</summary>
    public const string LanguageItem = "LeadHandoff.StaffLanguage";

    /// <summary>The words for a staff page: the signed-in member's language when the request came through the staff home, else English (a key says nothing of its holder).</summary>
    public static StaffPageText TextFor(HttpRequest request) => StaffPageText.For(request.HttpContext.Items[LanguageItem] as string);
}
