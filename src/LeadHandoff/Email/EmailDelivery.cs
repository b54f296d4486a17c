using LeadHandoff.Weeks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Email;

/// <summary>
/// Delivers each ledgered email at least once, and says so honestly. The rules, in one place:
/// <list type="bullet">
/// <item>A run claims the message's row before composing (so the email reflects the state at send
/// time), marks it Handing just before the provider call, and settles it after.</item>
/// <item>A claim that never reached the provider (the run died before handing over) is taken over
/// by a later run once <see cref="EmailOptions.LongestSend"/> has passed, and sent normally.</item>
/// <item>A copy that may have gone (the run died while handing over, or the provider's answer was
/// lost) is sent once more, saying at the top that it may repeat the earlier one. If that copy
/// cannot be confirmed either, a third goes to the sales inbox and the manager, saying why; after
/// that the message stays Unknown and an error is logged for the alert.</item>
/// <item>Refused for now (429, 5xx): retried by later runs, up to <see cref="MessageLedger.MaxDeferredRuns"/>.</item>
/// <item>Refused for good (a 400: a bad address, an unverified sender): the same email goes to the
/// sales inbox and the manager with the reason (Rerouted), so its leads still reach sales.</item>
/// </list>
/// </summary>
public sealed partial class EmailDelivery(
    MessageLedger ledger,
    IEmailSender sender,
    SlaCalendar calendar,
    IOptions<EmailOptions> options,
    SalesInbox salesInbox,
    TimeProvider time,
    ILogger<EmailDelivery> logger)
{
    /// <param name="runId">The calling run's token: every write to the message's row carries it.</param>
    /// <param name="compose">Builds the message, or returns null when there is nothing to say (recorded as Skipped).</param>
    /// <returns>The message's state after this call, or null when it was final already or in flight elsewhere.</returns>
    public async Task<MessageState?> SendAsync(string runId, string windowId, string key, Func<string, Task<EmailMessage?>> compose, CancellationToken cancellationToken)
    {
        var claim = await ledger.ClaimAsync(windowId, key, runId, time.GetUtcNow(), options.Value.LongestSend, cancellationToken);
        if (claim is null) return null;

        var message = await compose($"{windowId}.{key}");
        if (message is null)
        {
            await ledger.SettleAsync(claim, MessageState.Skipped, null, "nothing to send", time.GetUtcNow(), cancellationToken);
            return MessageState.Skipped;
        }
        if (claim.ToFallback)
        {
            var fallback = Fallback(message);
            if (fallback.Count > 0)
            {
                var t = DeliveryText.For(message.Language);
                message = message.Redirected(fallback, t["UndeliveredSubject", message.Subject], t["Unconfirmed", string.Join(", ", message.To), t.Local(claim.PossibleRepeatOf!.Value, calendar.TimeZone)]);
            }
        }
        else if (claim.PossibleRepeatOf is { } earlier)
        {
            var t = DeliveryText.For(message.Language);
            message = message.WithNotice(t["Repeat", t.Local(earlier, calendar.TimeZone)]);
            LogRepeat(logger, windowId, key);
        }

        var handing = await ledger.MarkHandingAsync(claim, time.GetUtcNow(), cancellationToken);
        if (handing is null) return null; // another run took it over while we composed
        var outcome = await sender.SendAsync(message, cancellationToken);
        var (state, detail, providerId) = outcome.Status switch
        {
            SendStatus.Sent when claim.ToFallback => (MessageState.Rerouted, "delivery unconfirmed twice; sent to the sales inbox and the manager", outcome.ProviderMessageId),
            SendStatus.Sent => (MessageState.Sent, outcome.Detail, outcome.ProviderMessageId),
            SendStatus.Deferred => (MessageState.Deferred, outcome.Detail, null),
            SendStatus.Unknown => (MessageState.Unknown, outcome.Detail, null),
            _ when claim.ToFallback => (MessageState.Failed, $"delivery unconfirmed twice; the fallback was refused ({outcome.Detail})", null),
            _ => await RerouteAsync(message, outcome, cancellationToken),
        };
        if (await ledger.SettleAsync(handing, state, providerId, detail, time.GetUtcNow(), cancellationToken) is null)
            LogOverrun(logger, windowId, key, state);
        if (state is MessageState.Failed || (state == MessageState.Unknown && claim.ToFallback))
            LogUndelivered(logger, windowId, key, state);
        else
            LogSettled(logger, windowId, key, state);
        return state;
    }

    /// <summary>A permanent refusal: the sales inbox and the manager get the email instead, told why.</summary>
    private async Task<(MessageState, string?, string?)> RerouteAsync(EmailMessage message, SendOutcome refusal, CancellationToken cancellationToken)
    {
        var fallback = Fallback(message);
        if (fallback.Count == 0) return (MessageState.Failed, refusal.Detail, null);
        var t = DeliveryText.For(message.Language);
        var rerouted = message.Redirected(fallback, t["UndeliveredSubject", message.Subject], t["Refused", string.Join(", ", message.To), refusal.Detail ?? ""]);
        var second = await sender.SendAsync(rerouted, cancellationToken);
        return second.Status == SendStatus.Sent
            ? (MessageState.Rerouted, $"refused ({refusal.Detail}); rerouted to the sales inbox and the manager", second.ProviderMessageId)
            : (MessageState.Failed, $"refused ({refusal.Detail}); the fallback was refused too ({second.Detail})", null);
    }

    /// <summary>The sales inbox and the manager, less whoever the email was for already.</summary>
    private List<string> Fallback(EmailMessage message) => new[] { salesInbox.Address, options.Value.SalesManagerEmail }
        .Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!)
        .Where(a => !message.To.Contains(a, StringComparer.OrdinalIgnoreCase))
        .ToList();

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {WindowId}.{MessageKey}: {State}")]
    private static partial void LogSettled(ILogger logger, string windowId, string messageKey, MessageState state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {WindowId}.{MessageKey} is sent again, marked as a possible repeat: the earlier copy's delivery is unconfirmed")]
    private static partial void LogRepeat(ILogger logger, string windowId, string messageKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {WindowId}.{MessageKey} ended {State} after another run had taken it over")]
    private static partial void LogOverrun(ILogger logger, string windowId, string messageKey, MessageState state);

    // The deployment's undelivered-email alert looks for this event.
    [LoggerMessage(EventId = 3101, EventName = "EmailUndelivered", Level = LogLevel.Error, Message = "Message {WindowId}.{MessageKey} could not be delivered: {State}")]
    private static partial void LogUndelivered(ILogger logger, string windowId, string messageKey, MessageState state);
}
