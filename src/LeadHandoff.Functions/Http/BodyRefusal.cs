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
            : WebResponse.Page(StatusCodes.Status400BadRequest, Notices.Render(new("Please check the form", "Please check the form", ["Use your browser's Back button to return to the form."], Errors: [malformed.Message]))),
        _ => throw new ArgumentOutOfRangeException(nameof(failure)),
    };

    private static WebResponse Answer(int status, string title, string detail, bool json) => json
        ? WebResponse.Problem(status, title, detail)
        : WebResponse.Page(status, Notices.Render(new(title, title, [detail])));
}
