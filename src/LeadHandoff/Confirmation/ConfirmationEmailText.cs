namespace LeadHandoff.Confirmation;

/// <summary>The confirmation email's words in the form's language, from <c>ConfirmationEmailText(.th).resx</c> beside it.</summary>
public sealed class ConfirmationEmailText : LocalizedText<ConfirmationEmailText>;
