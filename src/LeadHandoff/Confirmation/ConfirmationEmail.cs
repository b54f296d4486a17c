using System.Text;
using LeadHandoff.Branding;
using LeadHandoff.Email;
using LeadHandoff.Html;

namespace LeadHandoff.Confirmation;

/// <summary>
/// The email a person gets after a form: in the company's name, saying what happens next, with the
/// way to withdraw. Its words come from <c>ConfirmationEmailText(.th).resx</c> beside it, in
/// the form's language. Thai dates use the Thai culture's own calendar, the Buddhist era
/// (2 ธันวาคม 2569): what Thai readers expect in a letter.
/// </summary>
public static class ConfirmationEmail
{
    public static EmailMessage Compose(string ledgerId, ConfirmationEmailText text, BrandOptions brand, string to, string name, string offer, bool hot, DateTimeOffset receivedAt, TimeZoneInfo zone, string withdrawUrl)
    {
        var company = brand.Name;
        var when = TimeZoneInfo.ConvertTime(receivedAt, zone).ToString(text["DateFormat"], text.Culture);
        var subject = text["Subject", company];
        string[] lines = [text["Greeting", name], text["Received", company, offer, when]];
        var next = text[hot ? "NextHot" : "Next"];
        var questions = brand.Support is { } support ? text["Questions", support] : null;
        var privacy = text["Privacy", company];
        var html = HtmlTemplates.Render<FormConfirmation, FormConfirmation.Data>(new(
            brand, text.Language, subject, text["Preheader"], lines, text["NextHeading"], next, text["Withdraw", company], text["WithdrawLink"], withdrawUrl, questions, privacy));
        var plain = new StringBuilder()
            .Append(string.Concat(lines.Select(l => l + "\r\n\r\n")))
            .Append($"{text["NextHeading"]}\r\n{next}\r\n\r\n")
            .Append($"{text["Withdraw", company]} {withdrawUrl}\r\n");
        if (questions is not null) plain.Append($"\r\n{questions}\r\n");
        if (brand.Privacy is { } privacyUrl) plain.Append($"{privacy}: {privacyUrl}\r\n");
        return new EmailMessage(ledgerId, [to], [], subject, html, plain.ToString(), language: text.Language);
    }
}
