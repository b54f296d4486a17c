namespace LeadHandoff.Shared;

/// <summary>
/// The words every set of texts needs, kept once: date formats, "3 leads", how late, hours,
/// percentages' "n/a" (<c>CommonText(.th).resx</c> beside this file). Any text set falls back to
/// these for a key it does not hold itself.
/// </summary>
public sealed class CommonText : LocalizedText<CommonText>;
