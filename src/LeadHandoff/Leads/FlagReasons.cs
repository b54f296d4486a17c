namespace LeadHandoff.Leads;

/// <summary>Why a submission was kept from sales, in English: the review queue and its JSON.</summary>
public static class FlagReasons
{
    public static string Describe(string reason) => FlagReasonText.English.Describe(reason);
}
