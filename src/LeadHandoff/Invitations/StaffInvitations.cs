using System.Security.Cryptography;
using System.Text;
using LeadHandoff.Email;
using LeadHandoff.Html;
using LeadHandoff.Links;
using LeadHandoff.Team;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Invitations;

/// <summary>
/// How a roster member binds their Entra account without an admin copying object ids: an admin
/// invites them; a link goes to their roster address (which proves they hold that mailbox); they
/// open it signed in with their work account, and that account's object id is recorded on their
/// roster row. The link works once and for <see cref="Lifetime"/>; a newer invitation voids older
/// links. An object id already another member's is refused. Accepting again after a lost answer,
/// with the same account, is recognised as done.
/// </summary>
public sealed partial class StaffInvitations(
    TeamAdminService team,
    InvitationStore store,
    LinkSigner signer,
    EmailDelivery delivery,
    IOptions<LinkOptions> links,
    IOptions<Branding.BrandOptions> brand,
    TimeProvider time,
    ILogger<StaffInvitations> logger)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>The path the emailed link opens; the function app serves it.</summary>
    public const string Path = "/api/staff-invitation";

    /// <summary>Sends a member an invitation; null when there is no active member by that id.</summary>
    public async Task<MessageState?> InviteAsync(string memberId, CancellationToken cancellationToken)
    {
        var member = (await team.CurrentAsync(cancellationToken)).Member(memberId);
        if (member is not { Active: true }) return null;
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var expires = time.GetUtcNow() + Lifetime;
        await store.SaveAsync(member.Id, nonce, expires, cancellationToken);
        var token = signer.Sign(LinkPurpose.Invitation, nonce, member.Id, expires);
        var text = InvitationEmailText.For(member.Language);
        var url = $"{links.Value.BaseUrl.TrimEnd('/')}{Path}?t={token}";
        // The ledger's row is this invitation's: a retry of the same send is the same email.
        var state = await delivery.SendAsync(Guid.NewGuid().ToString("N"), "invite-" + member.Id, nonce,
            id => Task.FromResult<EmailMessage?>(Email(id, member, url, brand.Value.Name, text)), cancellationToken);
        LogInvited(logger, member.Id, state?.ToString() ?? "settled earlier");
        return state ?? MessageState.Sent;
    }

    public static EmailMessage Email(string messageId, TeamMember member, string url, string company, InvitationEmailText text)
    {
        var plain = $"{text["Invited", member.Name, member.Role]}\r\n\r\n{text["Open"]}: {url}\r\n\r\n{text["Once"]}\r\n";
        var html = HtmlTemplates.Render<Invitation, Invitation.Data>(new(text, company, member.Name, member.Role.ToString(), url));
        return new EmailMessage(messageId, [member.Email], [], text["Subject", company], html, plain, language: text.Language);
    }

    /// <summary>Whom an invitation link is for, without using it: the page asks them to confirm.</summary>
    public async Task<(InvitationCheck Check, TeamMember? Member)> OpenAsync(string? token, CancellationToken cancellationToken)
    {
        var result = signer.Verify(token, LinkPurpose.Invitation);
        if (result.Check is TokenCheck.Forged or TokenCheck.WrongPurpose) return (InvitationCheck.Forged, null);
        if (result.Check == TokenCheck.Expired) return (InvitationCheck.Expired, null);
        var member = (await team.CurrentAsync(cancellationToken)).Member(result.Claims!.OwnerId);
        if (member is not { Active: true }) return (InvitationCheck.Used, null);
        var open = await store.OpenNonceAsync(member.Id, cancellationToken);
        return open is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(open), Encoding.UTF8.GetBytes(result.Claims.Subject))
            ? (InvitationCheck.Open, member)
            : (InvitationCheck.Used, member);
    }

    /// <summary>Records <paramref name="objectId"/> as the invited member's Entra account, and closes the invitation.</summary>
    public async Task<InvitationCheck> AcceptAsync(string? token, Guid objectId, CancellationToken cancellationToken)
    {
        var (check, member) = await OpenAsync(token, cancellationToken);
        // Done already with this very account (the answer to the first try was lost): the same outcome.
        if (check == InvitationCheck.Used && member is not null && Guid.TryParse(member.ObjectId, out var bound) && bound == objectId) return InvitationCheck.Accepted;
        if (check != InvitationCheck.Open) return check;
        var errors = await team.SaveMemberAsync(member! with { ObjectId = objectId.ToString() }, cancellationToken);
        if (errors.Count > 0) return InvitationCheck.AccountTaken; // the only check a valid member can fail here: the id is someone else's
        await store.CloseAsync(member!.Id, cancellationToken);
        LogAccepted(logger, member.Id);
        return InvitationCheck.Accepted;
    }

    [LoggerMessage(Level = LogLevel.Information, EventName = "StaffInvited", Message = "Member {MemberId} was invited to bind their work account: {State}")]
    private static partial void LogInvited(ILogger logger, string memberId, string state);

    [LoggerMessage(Level = LogLevel.Information, EventName = "StaffInvitationAccepted", Message = "Member {MemberId} bound their work account through an invitation")]
    private static partial void LogAccepted(ILogger logger, string memberId);
}

public enum InvitationCheck
{
    /// <summary>Valid and not yet used: the member may accept it.</summary>
    Open,
    Accepted,
    /// <summary>Used, replaced by a newer invitation, or its member left the team.</summary>
    Used,
    Expired,
    Forged,
    /// <summary>The signed-in account is already another member's.</summary>
    AccountTaken,
}
