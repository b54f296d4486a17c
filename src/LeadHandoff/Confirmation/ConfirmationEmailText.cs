namespace LeadHandoff.Confirmation;

/// <summary>The confirmation email's words in the form's language, from <c>Resources/Confirmation/ConfirmationEmailText(.th).resx</c>.</summary>
public sealed class ConfirmationEmailText : LocalizedText<ConfirmationEmailText>;
