namespace LeadHandoff.Pace;

/// <summary>The "behind pace" email's words in marketing's roster language, from <c>PaceEmailText(.th).resx</c> beside it.</summary>
public sealed class PaceEmailText : LocalizedText<PaceEmailText>;
