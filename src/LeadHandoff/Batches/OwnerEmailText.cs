using System.Globalization;

namespace LeadHandoff.Batches;

/// <summary>
/// The words of a rep's lead email and reminder in the rep's language (the roster's
/// <c>Language</c>), from <c>Resources/Batches/OwnerEmailText(.th).resx</c>.
/// </summary>
public sealed class OwnerEmailText : LocalizedText<OwnerEmailText>
{
    /// <summary>How late, in the reader's words: "due now", "1 hour late", "3 days late" / "ช้า 3 วัน".</summary>
    public string Late(TimeSpan late)
    {
        string N(double value) => ((int)value).ToString(CultureInfo.InvariantCulture);
        return late < TimeSpan.FromMinutes(1) ? this["DueNow"]
            : late.TotalHours < 1 ? this[(int)late.TotalMinutes == 1 ? "MinuteLate" : "MinutesLate", N(late.TotalMinutes)]
            : late.TotalDays < 2 ? this[(int)late.TotalHours == 1 ? "HourLate" : "HoursLate", N(late.TotalHours)]
            : this[(int)late.TotalDays == 1 ? "DayLate" : "DaysLate", N(late.TotalDays)];
    }

    public string Outcome(LeadHandoff.Leads.Lead lead) => this[lead.Decision?.Decision switch
    {
        null => "Undecided",
        LeadHandoff.Leads.Decision.Accepted => "Accepted",
        LeadHandoff.Leads.Decision.Rejected => "Rejected",
        _ => "Nurture",
    }];
}
