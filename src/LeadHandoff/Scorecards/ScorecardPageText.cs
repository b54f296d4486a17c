namespace LeadHandoff.Scorecards;

/// <summary>The scorecard page's words in the signed-in reader's language, from <c>Resources/Html/Pages/ScorecardPageText(.th).resx</c>.</summary>
public sealed class ScorecardPageText : LocalizedText<ScorecardPageText>
{
    public string Date(DateOnly date) => date.ToString(this["PageDate"], Language == "th" ? Culture : System.Globalization.CultureInfo.InvariantCulture);
}
