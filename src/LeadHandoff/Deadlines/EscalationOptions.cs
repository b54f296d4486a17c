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

    /// <summary>The ladder as the agreement holds it: the settings only seed version 1 (docs/agreement.md).</summary>
    public static IReadOnlyList<Agreement.AgreementStep> AsTerms(IEnumerable<EscalationStepOptions> steps) =>
        [.. steps.Select(s => new Agreement.AgreementStep(s.OffsetHours, s.Recipient.ToString(), s.Template, s.Address))];

    /// <summary>The agreement's own rules for a ladder, named by setting.</summary>
    public IEnumerable<string> Validate() =>
        Agreement.AgreementStep.Problems(AsTerms(Steps)).Select(p => $"{SectionName}:Steps:{p.Step}:{p.Problem}");

    /// <summary>A step of a version's ladder as the deadline run uses it.</summary>
    public static EscalationStepOptions FromTerms(Agreement.AgreementStep step) => new()
    {
        OffsetHours = step.OffsetHours,
        Recipient = Enum.Parse<RecipientKind>(step.Recipient),
        Template = step.Template,
        Address = step.Address,
    };

}
