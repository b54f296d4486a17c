namespace LeadHandoff.Functions.Staff;

/// <summary>
/// The words of the staff's own pages in the signed-in member's language (English with a key):
/// the staff home, the sign-in and role notices, the review queue, and the admins' team and
/// webhook pages. From <c>StaffPageText(.th).resx</c> beside it.
/// </summary>
public sealed class StaffPageText : LocalizedText<StaffPageText>
{
    /// <summary>A stamp to the minute with no zone named, for admin pages that say their times are UTC.</summary>
    public string Minute(DateTimeOffset instant) => instant.ToString(this["MinuteDate"], Language == "th" ? Culture : System.Globalization.CultureInfo.InvariantCulture);
}
