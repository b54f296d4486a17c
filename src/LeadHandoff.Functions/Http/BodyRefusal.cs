using LeadHandoff.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace LeadHandoff.Functions.Http;

/// <summary>How a body <see cref="RequestBody"/> could not read is answered: 413, 415 or 400, naming the problem.</summary>
public static class BodyRefusal
{
    public static WebResponse For(SubmittedForm failure, bool json) => failure switch
    {
        SubmittedForm.TooLarge large => Answer(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"The body must be at most {large.MaxBytes} bytes.", json),
        SubmittedForm.Unsupported unsupported => Answer(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", unsupported.Message, json),
        SubmittedForm.Malformed malformed => json
            ? WebResponse.Problem(StatusCodes.Status400BadRequest, "The request could not be read.", errors: new Dictionary<string, string[]> { [malformed.Field] = [malformed.Message] })
            : WebResponse.Page(StatusCodes.Status400BadRequest, PageLayout.Render("Please check the form", $"<h1>Please check the form</h1><div class=\"card\"><p class=\"errors\" role=\"alert\">{LeadHandoff.Email.EmailText.H(malformed.Message)}</p><p>Use your browser's Back button to return to the form.</p></div>")),
        _ => throw new ArgumentOutOfRangeException(nameof(failure)),
    };

    private static WebResponse Answer(int status, string title, string detail, bool json) => json
        ? WebResponse.Problem(status, title, detail)
        : WebResponse.Page(status, PageLayout.Render(title, $"<h1>{LeadHandoff.Email.EmailText.H(title)}</h1><div class=\"card\"><p>{LeadHandoff.Email.EmailText.H(detail)}</p></div>"));
}
