using LeadHandoff.Leads;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Intake;

/// <summary>Normalises and validates a raw form against the configured sectors, bands and rules.</summary>
public sealed class LeadFormValidator(IOptions<IntakeOptions> options)
{
    private readonly IntakeOptions _options = options.Value;

    public LeadForm Validate(IReadOnlyDictionary<string, string> raw)
    {
        var errors = new FieldErrors();
        string? Text(LeadField field, bool required) => ReadText(raw, field, required, errors);

        var name = Text(LeadFields.Name, required: true);
        // The address is an identifier we send to and dedupe by, not prose: kept in its comparison
        // form, so "ＡＤＡ@Example.COM" is ada@example.com, the same person as every other spelling.
        var email = Text(LeadFields.Email, required: true) is { } typed ? TextNormaliser.ComparisonKey(typed) : null;
        // A zero-width space or a bidi control makes an address that looks like another: refused, not stored.
        if (email is not null && LookAlikeText.HasInvisible(email))
        {
            errors.Add(LeadFields.Email.Name, "EmailInvisible");
            email = null;
        }
        else if (email is not null && !EmailAddress.IsValid(email))
        {
            errors.Add(LeadFields.Email.Name, "EmailInvalid");
            email = null;
        }
        var company = Text(LeadFields.Company, required: true);
        var jobTitle = Text(LeadFields.JobTitle, required: true);
        var phone = Text(LeadFields.Phone, required: false);
        if (phone is not null && !IsPhoneNumber(phone))
            errors.Add(LeadFields.Phone.Name, "PhoneInvalid");
        var message = Text(LeadFields.Message, required: true);
        var sector = OneOf(Text(LeadFields.Sector, required: true), LeadFields.Sector, _options.Sectors, errors);
        var size = OneOf(Text(LeadFields.CompanySize, required: true), LeadFields.CompanySize, _options.SizeBands, errors);
        var offer = Text(LeadFields.Offer, required: true);
        var consent = ReadConsent(raw, errors);
        var source = new MarketingSource(
            offer ?? "",
            Text(LeadFields.UtmSource, required: false),
            Text(LeadFields.UtmMedium, required: false),
            Text(LeadFields.UtmCampaign, required: false),
            Text(LeadFields.UtmTerm, required: false),
            Text(LeadFields.UtmContent, required: false),
            Url(Text(LeadFields.PageUrl, required: false), LeadFields.PageUrl, errors),
            Url(Text(LeadFields.Referrer, required: false), LeadFields.Referrer, errors));
        var redirect = ReadRedirect(Text(LeadFields.Redirect, required: false), errors);
        var token = Text(LeadFields.TurnstileToken, required: false);

        var lead = errors.Count == 0
            ? new LeadDetails(name!, email!, company!, jobTitle!, phone, message!, new Segment(sector!, size!), source, consent)
            : null;
        return new LeadForm(lead, errors, ReadHoneypot(raw), redirect, token, Text(LeadFields.Stamp, required: false));
    }

    private static string? ReadText(IReadOnlyDictionary<string, string> raw, LeadField field, bool required, FieldErrors errors)
    {
        var value = raw.TryGetValue(field.Name, out var v) ? TextNormaliser.Normalise(v) : "";
        if (value.Length == 0)
        {
            if (required) errors.Add(field.Name, "Required", new FieldLabel(field.Name));
            return null;
        }
        if (value.Length > field.MaxLength)
            errors.Add(field.Name, "TooLong", new FieldLabel(field.Name), field.MaxLength);
        else if (!field.Multiline && TextNormaliser.HasLineBreak(value))
            errors.Add(field.Name, "SingleLine", new FieldLabel(field.Name));
        else if (!field.Multiline && TextNormaliser.HasBidiControl(value))
            errors.Add(field.Name, "BidiControl", new FieldLabel(field.Name));
        else if (TextNormaliser.HasControlCharacter(value, field.Multiline))
            errors.Add(field.Name, "ControlCharacter", new FieldLabel(field.Name));
        else
            return value;
        return null;
    }

    private static string? OneOf(string? value, LeadField field, List<string> allowed, FieldErrors errors)
    {
        if (value is null) return null;
        var match = allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase));
        if (match is null) errors.Add(field.Name, "OneOf", new FieldLabel(field.Name), string.Join(", ", allowed));
        return match;
    }

    private static string? Url(string? value, LeadField field, FieldErrors errors)
    {
        if (value is null || IntakeOptions.IsAbsoluteHttpUrl(value)) return value;
        errors.Add(field.Name, "AbsoluteUrl", new FieldLabel(field.Name));
        return null;
    }

    private Consent ReadConsent(IReadOnlyDictionary<string, string> raw, FieldErrors errors)
    {
        var text = ReadText(raw, LeadFields.Consent, required: false, errors);
        var version = ReadText(raw, LeadFields.ConsentVersion, required: _options.RequireConsent, errors);
        bool? given = text?.ToLowerInvariant() switch
        {
            null => false,
            "true" or "on" or "yes" or "1" => true,
            "false" or "off" or "no" or "0" => false,
            _ => null,
        };
        if (given is null)
            errors.Add(LeadFields.Consent.Name, "ConsentTrueFalse");
        else if (_options.RequireConsent && given == false)
            errors.Add(LeadFields.Consent.Name, "ConsentRequired");
        return new Consent(given ?? false, version);
    }

    private Uri? ReadRedirect(string? value, FieldErrors errors)
    {
        if (value is null) return null;
        // Compare parsed origins, never string prefixes: https://good.example@evil.example and
        // https://good.example.evil.example both start with the allowed text.
        if (IntakeOptions.IsAbsoluteHttpUrl(value))
        {
            var uri = new Uri(value);
            var origin = uri.GetLeftPart(UriPartial.Authority);
            if (string.IsNullOrEmpty(uri.UserInfo) &&
                _options.AllowedRedirectOrigins.Any(a => string.Equals(new Uri(a).GetLeftPart(UriPartial.Authority), origin, StringComparison.OrdinalIgnoreCase)))
                return uri;
        }
        errors.Add(LeadFields.Redirect.Name, "RedirectNotAllowed");
        return null;
    }

    private HoneypotState ReadHoneypot(IReadOnlyDictionary<string, string> raw) =>
        !raw.TryGetValue(_options.HoneypotField, out var value) ? HoneypotState.Missing
        : TextNormaliser.Normalise(value).Length > 0 ? HoneypotState.Filled
        : HoneypotState.Empty;

    private static bool IsPhoneNumber(string value) =>
        value.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.') && value.Count(char.IsAsciiDigit) >= 6;
}
