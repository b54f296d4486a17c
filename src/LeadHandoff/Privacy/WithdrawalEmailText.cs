namespace LeadHandoff.Privacy;

/// <summary>The withdrawal email's words in the language of the page it was asked from, from <c>Resources/Privacy/WithdrawalEmailText(.th).resx</c>.</summary>
public sealed class WithdrawalEmailText : LocalizedText<WithdrawalEmailText>;
