using System.Globalization;
using LeadHandoff.Links;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Intake;

/// <summary>
/// How long a form took to fill, in a way the sender cannot forge: the form fetches a stamp of the
/// instant it was shown, signed with the link keys, and posts it back. A machine posts in well
/// under a person's few seconds; a stamp it makes itself does not verify.
/// </summary>
public sealed class FormStamps(LinkSigner signer, IOptions<IntakeOptions> options, TimeProvider time)
{
    /// <summary>A stamp outlives any form a person keeps open.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    public string Issue()
    {
        var now = time.GetUtcNow();
        return signer.Sign(LinkPurpose.FormStamp, now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), "form", now + Lifetime);
    }

    /// <summary>Why a form post is held, by its review reason, or null when its stamp says a person could have filled it.</summary>
    public string? Suspect(string? stamp)
    {
        if (string.IsNullOrEmpty(stamp)) return options.Value.RequireStamp ? "stamp-missing" : null;
        var result = signer.Verify(stamp, LinkPurpose.FormStamp);
        if (result.Check != TokenCheck.Valid || !long.TryParse(result.Claims!.Subject, NumberStyles.None, CultureInfo.InvariantCulture, out var shownAt))
            return "stamp-invalid";
        var filled = time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(shownAt);
        return filled < TimeSpan.FromSeconds(options.Value.MinimumFillSeconds) ? "too-fast" : null;
    }
}
