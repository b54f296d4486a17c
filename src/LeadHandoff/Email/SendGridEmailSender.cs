using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;
using EmailAddress = SendGrid.Helpers.Mail.EmailAddress;
using SendGrid.Helpers.Reliability;

namespace LeadHandoff.Email;

/// <summary>
/// Sends through SendGrid's v3 API with the official client. Retries 429 and 5xx itself, because the
/// client's own retry skips 429, waiting as long as SendGrid asks (Retry-After or X-RateLimit-Reset)
/// up to a cap. A timeout or a connection lost mid-request is Unknown: SendGrid may have accepted it.
/// </summary>
public sealed partial class SendGridEmailSender(HttpClient http, IOptions<EmailOptions> options, TimeProvider time, ILogger<SendGridEmailSender> logger) : IEmailSender
{
    private readonly EmailOptions _options = options.Value;

    private readonly SendGridClient _client = new(http, new SendGridClientOptions
    {
        ApiKey = options.Value.SendGridApiKey,
        Host = options.Value.SendGridHost,
        ReliabilitySettings = new ReliabilitySettings(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero),
    });

    public async Task<SendOutcome> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var mail = ToSendGrid(message);
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
            Response response;
            try
            {
                response = await _client.SendEmailAsync(mail, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                LogUnknown(logger, message.LedgerId, "timeout");
                return new SendOutcome(SendStatus.Unknown, Detail: "timed out");
            }
            catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConnectionError && attempt < _options.MaxAttempts)
            {
                // Nothing reached SendGrid: safe to try again.
                await Task.Delay(Backoff(attempt), time, cancellationToken);
                continue;
            }
            catch (HttpRequestException ex)
            {
                if (ex.HttpRequestError == HttpRequestError.ConnectionError)
                    return new SendOutcome(SendStatus.Deferred, Detail: "could not connect");
                LogUnknown(logger, message.LedgerId, ex.HttpRequestError.ToString());
                return new SendOutcome(SendStatus.Unknown, Detail: ex.HttpRequestError.ToString());
            }

            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                var id = response.Headers.TryGetValues("X-Message-Id", out var values) ? values.FirstOrDefault() : null;
                return new SendOutcome(SendStatus.Sent, id);
            }
            var transient = response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500;
            LogRefused(logger, message.LedgerId, status, attempt);
            if (!transient) return new SendOutcome(SendStatus.Failed, Detail: $"HTTP {status}");
            if (attempt >= _options.MaxAttempts) return new SendOutcome(SendStatus.Deferred, Detail: $"HTTP {status} after {attempt} tries");
            await Task.Delay(WaitAsked(response) ?? Backoff(attempt), time, cancellationToken);
        }
    }

    private TimeSpan Cap(TimeSpan wait) =>
        wait < TimeSpan.Zero ? TimeSpan.Zero : wait > TimeSpan.FromSeconds(_options.MaxBackoffSeconds) ? TimeSpan.FromSeconds(_options.MaxBackoffSeconds) : wait;

    private TimeSpan Backoff(int attempt) => Cap(TimeSpan.FromSeconds(Math.Pow(2, attempt - 1)));

    private TimeSpan? WaitAsked(Response response)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta) return Cap(delta);
        if (retryAfter?.Date is { } date) return Cap(date - time.GetUtcNow());
        if (response.Headers.TryGetValues("X-RateLimit-Reset", out var reset) &&
            long.TryParse(reset.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
            return Cap(DateTimeOffset.FromUnixTimeSeconds(epoch) - time.GetUtcNow());
        return null;
    }

    private SendGridMessage ToSendGrid(EmailMessage message)
    {
        var mail = new SendGridMessage
        {
            From = new EmailAddress(_options.FromAddress, _options.FromName),
            Subject = message.Subject,
            PlainTextContent = message.Text,
            HtmlContent = message.Html,
        };
        mail.AddTos(message.To.Select(a => new EmailAddress(a)).ToList());
        if (message.Cc.Count > 0) mail.AddCcs(message.Cc.Select(a => new EmailAddress(a)).ToList());
        foreach (var attachment in message.Attachments)
            mail.AddAttachment(attachment.FileName, Convert.ToBase64String(attachment.Content), attachment.ContentType);
        mail.AddCustomArg("ledger_message_id", message.LedgerId);
        return mail;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid refused message {LedgerId} with {StatusCode} on try {Attempt}")]
    private static partial void LogRefused(ILogger logger, string ledgerId, int statusCode, int attempt);

    [LoggerMessage(Level = LogLevel.Error, EventName = "EmailOutcomeUnknown", Message = "Message {LedgerId} may or may not have been accepted by SendGrid ({Reason}); it is marked Unknown and sent again once, marked as a possible repeat")]
    private static partial void LogUnknown(ILogger logger, string ledgerId, string reason);
}
