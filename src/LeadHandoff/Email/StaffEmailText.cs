namespace LeadHandoff.Email;

/// <summary>
/// The words of the emails to the sales manager and the marketing lead (the escalation, the
/// scorecard), from <c>StaffEmailText(.th).resx</c> beside it, in the recipients' language
/// (<see cref="Team.LeadRouter.LanguageOf"/>).
/// </summary>
public sealed class StaffEmailText : LocalizedText<StaffEmailText>;
