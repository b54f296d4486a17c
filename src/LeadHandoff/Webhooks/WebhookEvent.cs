namespace LeadHandoff.Webhooks;

/// <summary>
/// Something that happened to a lead, as subscribers hear of it. The id is derived from what
/// happened (<c>evt_{window}_{lead}_{what}</c>), never drawn at random, so the same fact emitted twice
/// (a retry, a crash and the reconciler) is the same event with the same <c>webhook-id</c>.
/// </summary>
/// <param name="Detail">The event's own facts (a decision's outcome, a reassignment's owners); never personal data.</param>
public sealed record WebhookEvent(string Id, string Type, string WindowId, string LeadId, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, string> Detail)
{
    public static WebhookEvent Received(string windowId, string leadId, DateTimeOffset at) =>
        new(IdOf(windowId, leadId, "received"), WebhookEventTypes.Received, windowId, leadId, at, Empty);

    public static WebhookEvent Delivered(string windowId, string leadId, string ownerId, DateTimeOffset at) =>
        new(IdOf(windowId, leadId, "delivered"), WebhookEventTypes.Delivered, windowId, leadId, at, new Dictionary<string, string> { ["owner"] = ownerId });

    public static WebhookEvent Decided(string windowId, string leadId, Leads.RecordedDecision decision) =>
        new(IdOf(windowId, leadId, $"decided-{decision.Revision}"), WebhookEventTypes.Decided, windowId, leadId, decision.DecidedAt, new Dictionary<string, string>
        {
            ["outcome"] = decision.Decision.ToString().ToLowerInvariant(),
            ["reason"] = decision.Reason ?? "",
            ["decidedBy"] = decision.DecidedBy,
            ["revision"] = decision.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["onTime"] = decision.OnTime ? "true" : "false",
        });

    public static WebhookEvent Reassigned(string windowId, string leadId, string fromOwner, string toOwner, DateTimeOffset at) =>
        new(IdOf(windowId, leadId, $"reassigned-{fromOwner}-{toOwner}"), WebhookEventTypes.Reassigned, windowId, leadId, at, new Dictionary<string, string> { ["from"] = fromOwner, ["to"] = toOwner });

    public static WebhookEvent Erased(string windowId, string leadId, DateTimeOffset at) =>
        new(IdOf(windowId, leadId, "erased"), WebhookEventTypes.Erased, windowId, leadId, at, Empty);

    /// <summary>Every event id of a window starts with this: the reconciler reads a window's emitted events by it.</summary>
    public static string WindowPrefix(string windowId) => $"evt_{windowId}_";

    private static string IdOf(string windowId, string leadId, string what) => $"{WindowPrefix(windowId)}{leadId}_{what}";

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}
