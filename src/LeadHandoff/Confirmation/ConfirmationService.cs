using LeadHandoff.Branding;
using LeadHandoff.Email;
using LeadHandoff.Leads;
using LeadHandoff.Links;
using LeadHandoff.Weeks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Confirmation;

/// <summary>
/// Answers a person's form by email, when <see cref="ConfirmationOptions.Enabled"/>: at most once
/// per address per business day (the send-once ledger, keyed by the address's hash and the date),
/// never for a submission held back as spam or for review (only stored leads get here), and never
/// at the cost of the form: the lead is stored already, the try is bounded, and a failure is logged.
/// </summary>
public sealed partial class ConfirmationService(
    EmailDelivery delivery,
    SlaCalendar calendar,
    IOptions<ConfirmationOptions> options,
    IOptions<BrandOptions> brand,
    IOptions<LinkOptions> links,
    ILogger<ConfirmationService> logger)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    public static string LedgerOf(DateOnly day) => "confirm-" + day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public async Task TrySendAsync(LeadDetails lead, string? language, bool hot, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled) return;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(receivedAt, calendar.TimeZone).DateTime);
        var key = "to-" + EmailHash.Of(lead.Email)[..24];
        try
        {
            var text = ConfirmationEmailText.For(language);
            // The withdrawal pages answer in the language this email is in.
            var withdraw = $"{links.Value.BaseUrl.TrimEnd('/')}/api/privacy/withdraw{(text.Language == "th" ? "?lang=th" : "")}";
            var state = await delivery.SendAsync(Guid.NewGuid().ToString("N"), LedgerOf(day), key, id => Task.FromResult<EmailMessage?>(
                ConfirmationEmail.Compose(id, text, brand.Value, lead.Email, lead.Name, lead.Source.Offer, hot, receivedAt, calendar.TimeZone, withdraw)), budget.Token);
            LogConfirmation(logger, state?.ToString() ?? "already sent today");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogNotSent(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Confirmation email: {State}")]
    private static partial void LogConfirmation(ILogger logger, string state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Confirmation email not sent ({Reason}); the lead is stored and unaffected")]
    private static partial void LogNotSent(ILogger logger, string reason);
}
