namespace LeadHandoff.Functions.Scorecards;

/// <summary>The scorecard page's words in the signed-in reader's language, from <c>ScorecardPageText(.th).resx</c> beside it.</summary>
public sealed class ScorecardPageText : LocalizedText<ScorecardPageText>
{
    public string Date(DateOnly date) => date.ToString(this["PageDate"], Language == "th" ? Culture : System.Globalization.CultureInfo.InvariantCulture);
}
