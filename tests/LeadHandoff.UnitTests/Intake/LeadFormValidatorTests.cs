using LeadHandoff.Intake;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Tests.Intake;

public sealed class LeadFormValidatorTests
{
    private static LeadFormValidator Validator(bool requireConsent = false) => new(Options.Create(new IntakeOptions
    {
        Sectors = ["Software", "Manufacturing"],
        SizeBands = ["1-10", "11-50", "1001+"],
        ThankYouUrl = "https://www.example.com/thanks",
        AllowedRedirectOrigins = ["https://www.example.com"],
        RequireConsent = requireConsent,
    }));

    public static Dictionary<string, string> ValidFields() => new()
    {
        ["name"] = "Ada Lovelace",
        ["email"] = "ada@example.com",
        ["company"] = "Analytical Engines Ltd",
        ["job_title"] = "Head of Computing",
        ["phone"] = "+44 20 7946 0000",
        ["message"] = "We would like a demo.\nNext week suits us.",
        ["sector"] = "Software",
        ["company_size"] = "11-50",
        ["offer"] = "pricing-guide",
        ["lh_trap"] = "",
    };

    private static IReadOnlyDictionary<string, string[]> ErrorsFor(Action<Dictionary<string, string>> change, bool requireConsent = false)
    {
        var fields = ValidFields();
        change(fields);
        return Validator(requireConsent).Validate(fields).Errors.ToDictionary();
    }

    [Theory]
    [InlineData("บริษัท ตัวอย่าง จำกัด")]          // SARA AM (U+0E33), which NFKC would split in two
    [InlineData("Acme™ Widgets")]                  // NFKC would make it "AcmeTM Widgets"
    [InlineData("Cafe\u0301 Ltd", "Café Ltd")]     // decomposed input is stored composed (NFC)
    public void Names_and_companies_are_stored_as_typed_in_nfc(string typed, string? stored = null)
    {
        var fields = ValidFields();
        fields["company"] = typed;
        fields["name"] = typed;

        var lead = Validator().Validate(fields).Lead!;

        Assert.Equal(stored ?? typed, lead.Company);
        Assert.Equal(stored ?? typed, lead.Name);
        Assert.True(lead.Company.IsNormalized(System.Text.NormalizationForm.FormC));
    }

    [Fact]
    public void A_complete_form_becomes_a_lead_with_every_value_normalised()
    {
        var fields = ValidFields();
        fields["email"] = "  ＡＤＡ@Example.COM ";   // the address is a comparison key: full-width letters fold under NFKC
        fields["company"] = "\u00A0Analytical\u00A0Engines Ltd ";
        fields["sector"] = "software";
        fields["utm_campaign"] = " spring ";

        var form = Validator().Validate(fields);

        Assert.Equal(0, form.Errors.Count);
        var lead = Assert.IsType<LeadHandoff.Leads.LeadDetails>(form.Lead);
        Assert.Equal("ada@example.com", lead.Email);
        Assert.Equal("Analytical\u00A0Engines Ltd", lead.Company); // trimmed, and otherwise as typed
        Assert.Equal("Software", lead.Segment.Sector);
        Assert.Equal("11-50", lead.Segment.SizeBand);
        Assert.Equal("spring", lead.Source.UtmCampaign);
        Assert.Equal("pricing-guide", lead.Source.Offer);
        Assert.Equal(HoneypotState.Empty, form.Honeypot);
    }

    [Fact]
    public void Every_missing_required_field_is_named()
    {
        var errors = Validator().Validate(new Dictionary<string, string> { ["lh_trap"] = "" }).Errors.ToDictionary();

        Assert.Equal(
            new Dictionary<string, string[]>
            {
                ["name"] = ["Name is required."],
                ["email"] = ["Email is required."],
                ["company"] = ["Company is required."],
                ["job_title"] = ["Job title is required."],
                ["message"] = ["Message is required."],
                ["sector"] = ["Sector is required."],
                ["company_size"] = ["Company size is required."],
                ["offer"] = ["Offer is required."],
            },
            errors);
    }

    [Theory]
    [InlineData("ada")]
    [InlineData("ada@")]
    [InlineData("@example.com")]
    [InlineData("ada@example")]
    [InlineData("ada@@example.com")]
    [InlineData("ada lovelace@example.com")]
    [InlineData("ada@-example.com")]
    [InlineData(".ada@example.com")]
    public void An_invalid_email_is_refused(string email)
    {
        Assert.Equal(["Email must be a valid email address."], ErrorsFor(f => f["email"] = email)["email"]);
    }

    [Fact]
    public void A_value_over_its_maximum_length_is_refused()
    {
        Assert.Equal(["Name must be at most 200 characters."], ErrorsFor(f => f["name"] = new string('a', 201))["name"]);
        Assert.Equal(["Message must be at most 4000 characters."], ErrorsFor(f => f["message"] = new string('a', 4001))["message"]);
    }

    [Theory]
    [InlineData("company", "Acme\r\nBcc: victim@example.com", "Company must be a single line.")]
    [InlineData("name", "Ada\nLovelace", "Name must be a single line.")]
    [InlineData("utm_source", "news\u2028letter", "utm_source must be a single line.")]
    [InlineData("job_title", "Head\u0007of IT", "Job title must not contain control characters.")]
    [InlineData("message", "Hello\u0000there", "Message must not contain control characters.")]
    public void Line_breaks_in_single_line_fields_and_control_characters_anywhere_are_refused(string field, string value, string message)
    {
        Assert.Equal([message], ErrorsFor(f => f[field] = value)[field]);
    }

    [Fact]
    public void A_message_may_span_lines()
    {
        Assert.Empty(ErrorsFor(f => f["message"] = "Line one\r\nLine two\tindented"));
    }

    [Fact]
    public void Sector_and_size_must_come_from_the_configured_lists()
    {
        var errors = ErrorsFor(f => { f["sector"] = "Mining"; f["company_size"] = "5000"; });

        Assert.Equal(["Sector must be one of: Software, Manufacturing."], errors["sector"]);
        Assert.Equal(["Company size must be one of: 1-10, 11-50, 1001+."], errors["company_size"]);
    }

    [Theory]
    [InlineData("call me")]
    [InlineData("12345")]
    public void A_phone_must_look_like_a_phone_number(string phone)
    {
        Assert.Equal(["Phone must have at least 6 digits and only digits, spaces and + - ( ) ."], ErrorsFor(f => f["phone"] = phone)["phone"]);
    }

    [Fact]
    public void Page_url_and_referrer_must_be_absolute_http_urls()
    {
        var errors = ErrorsFor(f => { f["page_url"] = "javascript:alert(1)"; f["referrer"] = "/pricing"; });

        Assert.Equal(["Page URL must be an absolute http(s) URL."], errors["page_url"]);
        Assert.Equal(["Referrer must be an absolute http(s) URL."], errors["referrer"]);
    }

    [Fact]
    public void Consent_is_required_with_its_text_version_when_the_setting_is_on()
    {
        var errors = ErrorsFor(_ => { }, requireConsent: true);

        Assert.Equal(["Consent is required."], errors["consent"]);
        Assert.Equal(["Consent version is required."], errors["consent_version"]);
    }

    [Fact]
    public void Given_consent_is_recorded_with_its_version()
    {
        var fields = ValidFields();
        fields["consent"] = "on";
        fields["consent_version"] = "2026-09";

        var lead = Validator(requireConsent: true).Validate(fields).Lead!;

        Assert.Equal(new LeadHandoff.Leads.Consent(true, "2026-09"), lead.Consent);
    }

    [Fact]
    public void Without_the_consent_setting_a_lead_without_consent_is_accepted_and_recorded_as_not_given()
    {
        var lead = Validator().Validate(ValidFields()).Lead!;

        Assert.Equal(new LeadHandoff.Leads.Consent(false, null), lead.Consent);
    }

    [Theory]
    [InlineData("https://evil.example/thanks")]
    [InlineData("https://www.example.com.evil.example/")]
    [InlineData("https://www.example.com@evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("http://www.example.com/thanks")]
    public void A_redirect_outside_the_allowed_origins_is_refused(string redirect)
    {
        Assert.Equal(["Redirect must be a URL on an allowed site."], ErrorsFor(f => f["redirect"] = redirect)["redirect"]);
    }

    [Fact]
    public void A_redirect_on_an_allowed_origin_is_kept()
    {
        var fields = ValidFields();
        fields["redirect"] = "https://WWW.example.com/thanks/pricing?x=1";

        Assert.Equal(new Uri("https://www.example.com/thanks/pricing?x=1"), Validator().Validate(fields).Redirect);
    }

    [Fact]
    public void The_honeypot_is_empty_filled_or_missing()
    {
        var filled = ValidFields();
        filled["lh_trap"] = "http://spam.example";
        var missing = ValidFields();
        missing.Remove("lh_trap");

        Assert.Equal(HoneypotState.Filled, Validator().Validate(filled).Honeypot);
        Assert.Equal(HoneypotState.Missing, Validator().Validate(missing).Honeypot);
    }

    [Fact]
    public void Unknown_fields_are_ignored()
    {
        var fields = ValidFields();
        fields["favourite_colour"] = "blue\r\n";

        Assert.Equal(0, Validator().Validate(fields).Errors.Count);
    }
}
