namespace LeadHandoff.Privacy;

/// <summary>The withdrawal email's words in the language of the page it was asked from, from <c>WithdrawalEmailText(.th).resx</c> beside it.</summary>
public sealed class WithdrawalEmailText : LocalizedText<WithdrawalEmailText>;
