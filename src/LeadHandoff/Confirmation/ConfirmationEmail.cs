using System.Globalization;
using System.Text;
using LeadHandoff.Branding;
using LeadHandoff.Email;
using Microsoft.Extensions.Localization;
using LeadHandoff.Html;
using LeadHandoff.Html.Emails;

namespace LeadHandoff.Confirmation;

/// <summary>
/// The email a person gets after a form: in the company's name, saying what happens next, with the
/// way to withdraw. Its words come from <c>Resources/Confirmation/ConfirmationEmailText(.th).resx</c>, in
/// the form's language. Thai dates use the Thai culture's own calendar, the Buddhist era
/// (2 ธันวาคม 2569): what Thai readers expect in a letter.
/// </summary>
public static class ConfirmationEmail
{
    /// <summary>The languages the texts ship in; anything else is answered in English.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "th"];

    /// <summary>The culture for a form's <c>lang</c> value (<c>th</c>, <c>th-TH</c> … ), English otherwise.</summary>
    public static CultureInfo CultureOf(string? language) =>
        (language ?? "").Trim().ToLowerInvariant() is var tag && (tag == "th" || tag.StartsWith("th-", StringComparison.Ordinal))
            ? CultureInfo.GetCultureInfo("th-TH")
            : CultureInfo.GetCultureInfo("en-GB");

    public static EmailMessage Compose(string ledgerId, IStringLocalizer text, CultureInfo culture, BrandOptions brand, string to, string name, string offer, bool hot, DateTimeOffset receivedAt, TimeZoneInfo zone, string withdrawUrl)
    {
        // The localizer reads the current UI culture: set it for this composition only.
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            var company = brand.Name;
            var when = TimeZoneInfo.ConvertTime(receivedAt, zone).ToString(text["DateFormat"], culture);
            var subject = text["Subject", company].Value;
            var lines = new[]
            {
                text["Greeting", name].Value,
                text["Received", company, offer, when].Value,
            };
            var next = text[hot ? "NextHot" : "Next"].Value;
            var questions = brand.Support is { } support ? text["Questions", support].Value : null;
            var privacy = text["Privacy", company].Value;
            var html = HtmlTemplates.Render<FormConfirmation, FormConfirmation.Data>(new(
                brand, culture.TwoLetterISOLanguageName, subject, text["Preheader"], lines, text["NextHeading"], next, text["Withdraw", company], text["WithdrawLink"], withdrawUrl, questions, privacy));
            var plain = new StringBuilder()
                .Append(string.Concat(lines.Select(l => l + "\r\n\r\n")))
                .Append($"{text["NextHeading"]}\r\n{next}\r\n\r\n")
                .Append($"{text["Withdraw", company]} {withdrawUrl}\r\n");
            if (questions is not null) plain.Append($"\r\n{questions}\r\n");
            if (brand.Privacy is { } privacyUrl) plain.Append($"{privacy}: {privacyUrl}\r\n");
            return new EmailMessage(ledgerId, [to], [], subject, html, plain.ToString());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
