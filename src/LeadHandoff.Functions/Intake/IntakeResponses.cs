using System.Globalization;
using LeadHandoff.Functions.Http;
using LeadHandoff.Intake;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Functions.Intake;

/// <summary>Maps intake outcomes to what each kind of caller expects: JSON for fetch, pages and redirects for browsers.</summary>
public sealed class IntakeResponses(IOptions<IntakeOptions> options, IOptions<LeadHandoff.Branding.BrandOptions> brand)
{
    private readonly IntakeOptions _options = options.Value;

    /// <param name="language">The form's <c>lang</c>: our own thank-you page answers in it.</param>
    public WebResponse For(IntakeResult result, bool json, string? language = null) => result switch
    {
        IntakeResult.Accepted accepted => json
            ? WebResponse.JsonBody(StatusCodes.Status201Created, new { id = accepted.LeadId })
            : WebResponse.SeeOther(accepted.Redirect?.AbsoluteUri ?? (_options.ThankYouUrl is { Length: > 0 } url ? url
                : ThankYouPage.Path + (LocalizedText.IsThai(language) ? "?lang=th" : ""))),
        IntakeResult.Invalid invalid => Invalid(invalid.Errors, json),
        IntakeResult.RateLimited limited => Retry(StatusCodes.Status429TooManyRequests, "Too many submissions", "Too many submissions from this address. Please try again shortly.", limited.RetryAfter, json),
        IntakeResult.Unavailable unavailable => Retry(StatusCodes.Status503ServiceUnavailable, "Service unavailable", "Your details could not be saved just now. Please try again shortly.", unavailable.RetryAfter, json),
        _ => throw new ArgumentOutOfRangeException(nameof(result)),
    };

    /// <summary>A body that could not be read: a malformed one is an invalid submission (so the form's error page applies); the rest 413 or 415.</summary>
    public WebResponse For(SubmittedForm failure, bool json) => failure is SubmittedForm.Malformed malformed
        ? Invalid(Single(malformed.Field, malformed.Message), json)
        : BodyRefusal.For(failure, json);

    private WebResponse Invalid(FieldErrors errors, bool json)
    {
        if (json)
            return WebResponse.Problem(StatusCodes.Status400BadRequest, "The submission has invalid fields.", errors: errors.ToDictionary());
        if (!string.IsNullOrEmpty(_options.ErrorUrl))
        {
            // Field names only: values would put personal data into URLs and server logs.
            var separator = _options.ErrorUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            return WebResponse.SeeOther(new Uri($"{_options.ErrorUrl}{separator}errors={Uri.EscapeDataString(string.Join(",", errors.Fields))}"));
        }
        return WebResponse.Page(StatusCodes.Status400BadRequest, ErrorPage("Please check the form", errors.Messages));
    }

    private WebResponse Retry(int status, string title, string detail, TimeSpan after, bool json)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Plain(status, title, detail, json).WithHeader("Retry-After", seconds);
    }

    private WebResponse Plain(int status, string title, string detail, bool json) =>
        json ? WebResponse.Problem(status, title, detail) : WebResponse.Page(status, ErrorPage(title, [detail]));

    private static FieldErrors Single(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return errors;
    }

    /// <summary>A page for a visitor whose form could not be taken, in the company's name and layout.</summary>
    private string ErrorPage(string title, IEnumerable<string> messages) =>
        Notices.Render(new(title, title, ["Use your browser's Back button to return to the form: what you typed is still there."], brand.Value, Errors: [.. messages]));
}
