using LeadHandoff.Intake;
using LeadHandoff.Leads;

namespace LeadHandoff.Tests.Intake;

/// <summary>UTS #39's moderately restrictive level on Unicode's script data: Thai with Latin reads as one text; Cyrillic inside Latin does not.</summary>
public sealed class LookAlikeTextTests
{
    [Theory]
    [InlineData("Analytical Engines Ltd", true)]
    [InlineData("บริษัท ABC จำกัด", true)] // Thai with Latin
    [InlineData("สมชาย ใจดี", true)]
    [InlineData("株式会社ABC", true)] // Han with Latin
    [InlineData("José Müller-Løvås", true)]
    [InlineData("O'Brien & Sons, 3rd floor", true)]
    [InlineData("PаyPаl", false)] // two Cyrillic а
    [InlineData("Ада Lovelace", false)] // Cyrillic with Latin
    [InlineData("Ελληνικά ABC", false)] // Greek with Latin
    [InlineData("บริษัท Аbc", false)] // Thai, Cyrillic and Latin
    public void A_single_line_value_passes_at_the_moderately_restrictive_level(string value, bool passes) =>
        Assert.Equal(passes, LookAlikeText.IsModeratelyRestrictive(value));

    [Theory]
    [InlineData("ad\u200Ba@example.com", true)] // zero-width space
    [InlineData("ada@exa\u202Eelpm.com", true)] // right-to-left override
    [InlineData("ada@example.com", false)]
    [InlineData("สมชาย@example.co.th", false)]
    public void Invisible_and_format_characters_are_found(string value, bool found) =>
        Assert.Equal(found, LookAlikeText.HasInvisible(value));

    [Theory]
    [InlineData("ada@example.com", "Ada Lovelace", "Analytical Engines", null)]
    [InlineData("somchai@ตัวอย่าง.com", "สมชาย ใจดี", "บริษัท ABC จำกัด", null)] // a Thai label beside a Latin one is fine
    [InlineData("ada@exаmple.com", "Ada Lovelace", "Analytical Engines", "email")] // a Cyrillic а in a Latin label
    [InlineData("ada@example.com", "Ada Lovelace", "PаyPаl", "company")]
    [InlineData("ada@example.com", "Аda Lovelace", "PаyPаl", "name")] // the first field that fails
    public void The_first_look_alike_field_of_a_lead_is_named(string email, string name, string company, string? suspect)
    {
        var lead = new LeadDetails(name, email, company, "CTO", null, "Hello", new Segment("Software", "11-50"), new MarketingSource("pricing-guide"), new Consent(true, "2026-09"));
        Assert.Equal(suspect, LookAlikeText.FirstSuspect(lead));
    }
}
