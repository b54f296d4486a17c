using System.Globalization;

namespace LeadHandoff.Agreement;

/// <summary>A reason sales may reject a lead for, as a version of the agreement holds it: its id (stored with decisions) and its words in English and Thai.</summary>
public sealed record AgreementReason(string Id, string Label, string? ThaiLabel = null)
{
    public string LabelIn(string? language) => LocalizedText.IsThai(language) && !string.IsNullOrWhiteSpace(ThaiLabel) ? ThaiLabel : Label;
}

/// <summary>
/// A step of the escalation ladder as a version holds it: hours after the deadline (whole days
/// count as business days), who is chased (<c>Owner</c>, <c>Manager</c>, <c>MarketingLead</c>, or
/// <c>Address</c> with <see cref="Address"/>), and the email (<c>Reminder</c> or <c>Escalation</c>).
/// </summary>
public sealed record AgreementStep(int OffsetHours, string Recipient, string Template, string? Address = null)
{
    public static readonly string[] Recipients = ["Owner", "Manager", "MarketingLead", "Address"];
    public static readonly string[] Templates = ["Reminder", "Escalation"];

    /// <summary>What is wrong with a ladder, step by step (the settings' check and a proposal's share it).</summary>
    public static IEnumerable<(int Step, string Problem)> Problems(IReadOnlyList<AgreementStep> steps)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (step.OffsetHours is < 0 or > 24 * 30) yield return (i, "OffsetHours must be between 0 and 720.");
            if (i > 0 && step.OffsetHours < steps[i - 1].OffsetHours) yield return (i, "OffsetHours must not be earlier than the step before it.");
            if (!Templates.Contains(step.Template)) yield return (i, "Template must be Reminder or Escalation.");
            if (!Recipients.Contains(step.Recipient)) yield return (i, "Recipient must be Owner, Manager, MarketingLead or Address.");
            if (step.Recipient == "Owner" && step.Template != "Reminder") yield return (i, "owners get the Reminder template.");
            if (step.Recipient == "Address" && !EmailAddress.IsValid(step.Address?.Trim().ToLowerInvariant() ?? "")) yield return (i, "Address must be an email address when Recipient is Address.");
        }
    }

    /// <summary>"24 h: Manager, Escalation", as the page and a proposal's lines write a step.</summary>
    public override string ToString() =>
        $"{OffsetHours.ToString(CultureInfo.InvariantCulture)} h: {Recipient}{(Address is { Length: > 0 } a ? " " + a : "")}, {Template}";
}

/// <summary>
/// Sales' side of version 1 as the deployment's settings have it, registered by the app's
/// composition (the hot lane, qualification and deadline settings live in their own slices, which
/// stand on the agreement rather than under it).
/// </summary>
public sealed record SalesTermsSeed(double HotLaneHours, IReadOnlyList<AgreementReason> RejectReasons, IReadOnlyList<AgreementStep> Ladder);
