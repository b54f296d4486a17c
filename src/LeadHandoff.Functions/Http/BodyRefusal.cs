using LeadHandoff.Branding;
using LeadHandoff.Html.Pages;
using Microsoft.AspNetCore.Http;

namespace LeadHandoff.Functions.Http;

/// <summary>How a body <see cref="RequestBody"/> could not read is answered: 413, 415 or 400, naming the problem.</summary>
public static class BodyRefusal
{
    /// <param name="text">
    /// The words of a browser's page (the JSON answer is English). An unread body cannot say its
    /// form's language, so public callers pass the browser's (<see cref="BrowserLanguage"/>).
    /// </param>
    /// <param name="brand">The company a public page speaks for.</param>
    public static WebResponse For(SubmittedForm failure, bool json, PublicPageText? text = null, BrandOptions? brand = null)
    {
        var t = text ?? PublicPageText.English;
        return failure switch
        {
            SubmittedForm.TooLarge large => json
                ? WebResponse.Problem(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"The body must be at most {large.MaxBytes} bytes.")
                : Page(StatusCodes.Status413PayloadTooLarge, t, t["TooLargeTitle"], [t["TooLargeText", large.MaxBytes], t["BackToForm"]], brand),
            // The reader's own words for what went wrong; the detail, for whoever built the form, as it is.
            SubmittedForm.Unsupported unsupported => json
                ? WebResponse.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", unsupported.Message)
                : Page(StatusCodes.Status415UnsupportedMediaType, t, t["UnreadableTitle"], [t["UnreadableText"], unsupported.Message], brand),
            SubmittedForm.Malformed malformed => json
                ? WebResponse.Problem(StatusCodes.Status400BadRequest, "The request could not be read.", errors: new Dictionary<string, string[]> { [malformed.Field] = [malformed.Message] })
                : WebResponse.Page(StatusCodes.Status400BadRequest, Notices.Render(new(t["CheckForm"], t["CheckForm"], [t["BackToForm"]], brand, Errors: [malformed.Message], Language: t.Language))),
            _ => throw new ArgumentOutOfRangeException(nameof(failure)),
        };
    }

    private static WebResponse Page(int status, PublicPageText t, string title, string[] paragraphs, BrandOptions? brand) =>
        WebResponse.Page(status, Notices.Render(new(title, title, paragraphs, brand, Language: t.Language)));
}
