using LeadHandoff.Leads;

namespace LeadHandoff.Intake;

public enum HoneypotState
{
    Empty,
    Filled,
    Missing,
}

/// <summary>A submission after validation: the lead if every field was right, else the errors.</summary>
public sealed record LeadForm(
    LeadDetails? Lead,
    FieldErrors Errors,
    HoneypotState Honeypot,
    Uri? Redirect,
    string? TurnstileToken,
    string? Stamp = null);
