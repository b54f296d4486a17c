using Microsoft.Extensions.Options;

namespace LeadHandoff.Links;

/// <summary>The URLs that go into emails: the qualify page for one lead, the batch page for an owner.</summary>
public sealed class LinkBuilder(LinkSigner signer, IOptions<LinkOptions> options)
{
    private readonly string _base = options.Value.BaseUrl.TrimEnd('/');

    public string Qualify(string windowId, string leadId, string ownerId) =>
        $"{_base}/api/qualify?t={signer.Sign(LinkPurpose.Qualify, $"{windowId}/{leadId}", ownerId)}";

    /// <summary>The week's review queue. Not signed: the page is behind marketing's own function key.</summary>
    /// <summary>The agreement page, for signed-in staff.</summary>
    public string Agreement() => $"{_base}/api/staff/agreement";

    public string Review(string windowId) => $"{_base}/api/review?window={Uri.EscapeDataString(windowId)}";

    /// <summary>The manager's view of a batch week: every rep, decided, undecided and late.</summary>
    public string Team(string windowId) =>
        $"{_base}/api/team?t={signer.Sign(LinkPurpose.Team, windowId, "manager")}";

    public string Batch(string windowId, string ownerId) =>
        $"{_base}/api/batch?t={signer.Sign(LinkPurpose.Batch, windowId, ownerId)}";
}
