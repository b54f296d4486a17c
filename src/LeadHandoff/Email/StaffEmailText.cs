using System.Globalization;

namespace LeadHandoff.Email;

/// <summary>
/// The words of the emails to the sales manager and the marketing lead (the escalation, the
/// scorecard), from <c>Resources/Email/StaffEmailText(.th).resx</c>, in the recipients' language
/// (<see cref="Routing.LeadRouter.LanguageOf"/>).
/// </summary>
public sealed class StaffEmailText : LocalizedText<StaffEmailText>
{
    /// <summary>"42.5%", or "n/a" when there is nothing to divide.</summary>
    public string Percent(double? share) => share is null ? this["NotAvailable"] : (share.Value * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>"3.5 h" / "3.5 ชม.", or "n/a".</summary>
    public string Hours(double? hours) => hours is null ? this["NotAvailable"] : this["HoursUnit", hours.Value.ToString("0.#", CultureInfo.InvariantCulture)];

    /// <summary>"7 Dec" / "7 ธ.ค.": a week by the day its batch went out.</summary>
    public string Week(DateOnly date) => date.ToString(this["WeekDate"], Language == "th" ? Culture : CultureInfo.InvariantCulture);
}
