using System.Globalization;
using LeadHandoff.Functions.Http;
using LeadHandoff.Html.Pages;
using LeadHandoff.Intake;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Functions.Intake;

/// <summary>Maps intake outcomes to what each kind of caller expects: JSON for fetch, pages and redirects for browsers.</summary>
public sealed class IntakeResponses(IOptions<IntakeOptions> options, IOptions<LeadHandoff.Branding.BrandOptions> brand)
{
    private readonly IntakeOptions _options = options.Value;

    /// <param name="language">The form's <c>lang</c>: our own pages (thanks, errors) answer in it; the JSON API stays English.</param>
    public WebResponse For(IntakeResult result, bool json, string? language = null)
    {
        var t = PublicPageText.For(language);
        return result switch
        {
            IntakeResult.Accepted accepted => json
                ? WebResponse.JsonBody(StatusCodes.Status201Created, new { id = accepted.LeadId })
                : WebResponse.SeeOther(accepted.Redirect?.AbsoluteUri ?? (_options.ThankYouUrl is { Length: > 0 } url ? url
                    : ThankYouPage.Path + (t.Language == "th" ? "?lang=th" : ""))),
            IntakeResult.Invalid invalid => Invalid(invalid.Errors, json, t),
            IntakeResult.RateLimited limited => Retry(StatusCodes.Status429TooManyRequests, json ? PublicPageText.English : t, "TooManyTitle", "TooManyText", limited.RetryAfter, json),
            IntakeResult.Unavailable unavailable => Retry(StatusCodes.Status503ServiceUnavailable, json ? PublicPageText.English : t, "UnavailableTitle", "UnavailableText", unavailable.RetryAfter, json),
            _ => throw new ArgumentOutOfRangeException(nameof(result)),
        };
    }

    /// <summary>A body that could not be read: a malformed one is an invalid submission (so the form's error page applies); the rest 413 or 415.</summary>
    /// <param name="language">The browser's: the form's own <c>lang</c> is in the body that could not be read.</param>
    public WebResponse For(SubmittedForm failure, bool json, string? language = null) => failure is SubmittedForm.Malformed malformed
        ? Invalid(Single(malformed.Field, malformed.Message), json, PublicPageText.For(language))
        : BodyRefusal.For(failure, json, PublicPageText.For(language), brand.Value);

    private WebResponse Invalid(FieldErrors errors, bool json, PublicPageText t)
    {
        if (json)
            return WebResponse.Problem(StatusCodes.Status400BadRequest, "The submission has invalid fields.", errors: errors.ToDictionary());
        if (!string.IsNullOrEmpty(_options.ErrorUrl))
        {
            // Field names only: values would put personal data into URLs and server logs.
            var separator = _options.ErrorUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            return WebResponse.SeeOther(new Uri($"{_options.ErrorUrl}{separator}errors={Uri.EscapeDataString(string.Join(",", errors.Fields))}"));
        }
        return WebResponse.Page(StatusCodes.Status400BadRequest, ErrorPage(t, t["CheckForm"], errors.In(ValidationText.For(t.Language))));
    }

    private WebResponse Retry(int status, PublicPageText t, string title, string detail, TimeSpan after, bool json)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var response = json ? WebResponse.Problem(status, t[title], t[detail]) : WebResponse.Page(status, ErrorPage(t, t[title], [t[detail]]));
        return response.WithHeader("Retry-After", seconds);
    }

    private static FieldErrors Single(string field, string message)
    {
        var errors = new FieldErrors();
        // The body reader's own words: it could not read the form, so not its language either.
        errors.Add(field, "Verbatim", message);
        return errors;
    }

    /// <summary>A page for a visitor whose form could not be taken, in the company's name and layout and the form's language.</summary>
    private string ErrorPage(PublicPageText t, string title, IEnumerable<string> messages) =>
        Notices.Render(new(title, title, [t["BackToForm"]], brand.Value, Errors: [.. messages], Language: t.Language));
}
