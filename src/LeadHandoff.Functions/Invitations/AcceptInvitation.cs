using LeadHandoff.Functions.Http;
using LeadHandoff.Functions.Staff;
using LeadHandoff.Html;
using LeadHandoff.Invitations;
using LeadHandoff.Links;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Functions.Invitations;

/// <summary>
/// <c>/api/staff-invitation?t=…</c>, the link an admin's invitation emails to a roster address.
/// Opened signed in with a work account of our tenant, it shows whom it binds and one button; the
/// button's POST (from this app's own origin only) records that account's object id on the member
/// and closes the invitation. Not signed in: the way to sign in, which comes back here.
/// </summary>
public sealed class AcceptInvitation(StaffInvitations invitations, StaffSignIn signIn, IOptions<StaffSignInOptions> options, IOptions<LinkOptions> links)
{
    [Function(nameof(AcceptInvitation))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "staff-invitation")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var token = request.Query["t"].ToString();
        var (check, member) = await invitations.OpenAsync(token, cancellationToken);
        var t = StaffPageText.For(member?.Language ?? BrowserLanguage.Of(request));
        var self = StaffInvitations.Path + "?t=" + Uri.EscapeDataString(token);
        if (check is InvitationCheck.Forged) return Notice(t, StatusCodes.Status403Forbidden, "InviteForged");
        if (check is InvitationCheck.Expired) return Notice(t, StatusCodes.Status410Gone, "InviteExpired");

        // Whose account this is: the platform's principal, from our tenant only.
        var principal = signIn.PlatformAuthentication ? StaffSignIn.FromPrincipal(request.Headers[StaffSignIn.PrincipalHeader].ToString()) : null;
        if (principal is null || !Guid.TryParse(options.Value.TenantId, out var tenant) || principal.Tenant != tenant)
            return WebResponse.Page(StatusCodes.Status401Unauthorized, Notices.Render(new(t["InviteTitle"], t["SignInHeading"], [t["InviteSignIn"], t[signIn.PlatformAuthentication ? "SignInWork" : "SignInNotSetUp"]],
                Link: signIn.PlatformAuthentication ? ("/.auth/login/aad?post_login_redirect_uri=" + Uri.EscapeDataString(self), t["SignInButton"]) : null, Language: t.Language)));

        if (!HttpMethods.IsPost(request.Method))
        {
            if (check is not InvitationCheck.Open) return Used(t, member, principal.ObjectId);
            return WebResponse.Page(StatusCodes.Status200OK, HtmlTemplates.Render<InvitationPage, InvitationPage.Data>(new(t, member!.Name, member.Role.ToString(), self)));
        }
        // The button binds an account to a member: another site must not press it in someone's browser.
        if (!SameOrigin.Allows(request, links.Value.BaseUrl))
            return Notice(t, StatusCodes.Status403Forbidden, "CrossSiteText");
        return await invitations.AcceptAsync(token, principal.ObjectId, cancellationToken) switch
        {
            InvitationCheck.Accepted => WebResponse.SeeOther("/api/staff"),
            InvitationCheck.AccountTaken => Notice(t, StatusCodes.Status409Conflict, "InviteTaken"),
            _ => Used(t, member, principal.ObjectId),
        };
    }

    // Used already by this account (a second click): nothing to do but go in.
    private static IActionResult Used(StaffPageText t, LeadHandoff.Team.TeamMember? member, Guid objectId) =>
        member is not null && Guid.TryParse(member.ObjectId, out var bound) && bound == objectId
            ? WebResponse.SeeOther("/api/staff")
            : Notice(t, StatusCodes.Status410Gone, "InviteUsed");

    private static WebResponse Notice(StaffPageText t, int status, string text) =>
        WebResponse.Page(status, Notices.Render(new(t["InviteTitle"], t["InviteNotUsed"], [t[text]], Language: t.Language)));
}
