using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace LeadHandoff.Functions.Staff;

/// <summary>
/// The antiforgery token in every staff form (ASP.NET Core's: a cookie and a hidden field that
/// must match, signed with <see cref="StaffKeyRing"/>'s keys and bound to the signed-in member),
/// checked on every staff POST beside <see cref="SameOrigin"/>. Another site can make a member's
/// browser post a form, but cannot read our page to copy the token into it.
/// </summary>
public sealed class StaffForms(IAntiforgery antiforgery)
{
    /// <summary>The hidden field each staff form carries.</summary>
    public const string FieldName = Http.FormTokenField.FieldName;

    /// <summary>Where a page finds the token to put in its forms (none on keyed routes: a key, not a cookie, authorises those).</summary>
    public const string TokenItem = "LeadHandoff.StaffFormToken";

    /// <summary>Names the member on the request, so a token is theirs alone: another member's token does not pass.</summary>
    public static void SignIn(HttpContext context, StaffMember member) =>
        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", member.MemberId)], authenticationType: "LeadHandoffStaff"));

    /// <summary>True when a POST carries a token this app gave the same member; other methods pass.</summary>
    public async Task<bool> ValidAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method)) return true;
        // ASP.NET reads the token from the form; the page then reads the same body with RequestBody.
        context.Request.EnableBuffering();
        try
        {
            return await antiforgery.IsRequestValidAsync(context);
        }
        catch (InvalidDataException)
        {
            return false; // a body ASP.NET's form reader cannot parse holds no token either
        }
        finally
        {
            context.Request.Body.Position = 0;
        }
    }

    /// <summary>Sets the token's cookie on the response and leaves the field's value for the page's forms.</summary>
    public void Issue(HttpContext context) =>
        context.Items[TokenItem] = antiforgery.GetAndStoreTokens(context).RequestToken;

    /// <summary>The token for this request's forms, or null where none was issued.</summary>
    public static string? TokenOf(HttpRequest request) => request.HttpContext.Items[TokenItem] as string;
}
