namespace LeadHandoff.Reviews;

/// <summary>
/// One reviewer action on a flagged submission, as the audit trail keeps it: which submission, what
/// was done, by whom, and the lead it became. No personal data: ids and words only.
/// </summary>
public sealed record ReviewAction(
    string WindowId,
    string SubmissionId,
    string Action,
    string Reason,
    string By,
    DateTimeOffset At,
    string? LeadWindowId = null,
    string? LeadId = null)
{
    public const string Release = "release";
    public const string ConfirmSpam = "confirm-spam";
}
