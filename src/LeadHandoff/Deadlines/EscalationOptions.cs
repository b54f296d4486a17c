using LeadHandoff.Configuration;

namespace LeadHandoff.Deadlines;

public enum RecipientKind
{
    /// <summary>Each owner who still has undecided leads, about their own leads.</summary>
    Owner,
    /// <summary>The sales manager, about everyone's undecided leads; the marketing lead copied.</summary>
    Manager,
    MarketingLead,
    /// <summary>A fixed address (<see cref="EscalationStepOptions.Address"/>).</summary>
    Address,
}

public sealed class EscalationStepOptions
{
    /// <summary>Hours after the deadline. Whole days count as business days, so holidays and weekends shift steps as they shift the deadline.</summary>
    public int OffsetHours { get; set; }

    public RecipientKind Recipient { get; set; }

    public string? Address { get; set; }

    /// <summary>Reminder (to owners, their own leads) or Escalation (per owner counts and companies).</summary>
    public string Template { get; set; } = "";
}

/// <summary>The ladder that chases undecided leads once a batch's deadline passes.</summary>
public sealed class EscalationOptions : ISettings
{
    public const string SectionName = "Escalation";
    public const string Reminder = "Reminder";
    public const string Escalation = "Escalation";

    /// <summary>Defaults to a reminder at the deadline and an escalation one business day later; configuring any replaces them.</summary>
    public List<EscalationStepOptions> Steps { get; set; } = [];

    public IReadOnlyList<EscalationStepOptions> EffectiveSteps => Steps.Count > 0 ? Steps : Defaults;

    public static readonly IReadOnlyList<EscalationStepOptions> Defaults =
    [
        new() { OffsetHours = 0, Recipient = RecipientKind.Owner, Template = Reminder },
        new() { OffsetHours = 24, Recipient = RecipientKind.Manager, Template = Escalation },
    ];

    public IEnumerable<string> Validate()
    {
        for (var i = 0; i < Steps.Count; i++)
        {
            var step = Steps[i];
            if (step.OffsetHours is < 0 or > 24 * 30)
                yield return $"{SectionName}:Steps:{i}:OffsetHours must be between 0 and 720.";
            if (i > 0 && step.OffsetHours < Steps[i - 1].OffsetHours)
                yield return $"{SectionName}:Steps:{i}:OffsetHours must not be earlier than the step before it.";
            if (step.Template is not (Reminder or Escalation))
                yield return $"{SectionName}:Steps:{i}:Template must be {Reminder} or {Escalation}.";
            if (step.Recipient == RecipientKind.Owner && step.Template != Reminder)
                yield return $"{SectionName}:Steps:{i}: owners get the {Reminder} template.";
            if (step.Recipient == RecipientKind.Address && !EmailAddress.IsValid(step.Address?.Trim().ToLowerInvariant() ?? ""))
                yield return $"{SectionName}:Steps:{i}:Address must be an email address when Recipient is Address.";
        }
    }
}
