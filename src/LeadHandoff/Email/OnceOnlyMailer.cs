using LeadHandoff.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Email;

/// <summary>
/// Sends each ledger message at most once: the row is claimed before the send and settled after it.
/// The message is composed only once the row is ours, so it reflects the state at send time.
/// </summary>
public sealed partial class OnceOnlyMailer(Ledger ledger, IEmailSender sender, IOptions<EmailOptions> options, TimeProvider time, ILogger<OnceOnlyMailer> logger)
{
    /// <param name="compose">Builds the message, or returns null when there is nothing to say (recorded as Skipped).</param>
    /// <returns>The message's state after this call, or null when it was already settled or in flight elsewhere.</returns>
    public async Task<MessageState?> SendOnceAsync(string windowId, string key, Func<string, Task<EmailMessage?>> compose, CancellationToken cancellationToken)
    {
        var started = await ledger.StartMessageAsync(windowId, key, time.GetUtcNow(), options.Value.LongestSend, cancellationToken);
        if (started is null) return null;
        if (started.State is MessageState.Unknown or MessageState.Failed)
        {
            LogNotResent(logger, windowId, key, started.State);
            return started.State;
        }

        var message = await compose($"{windowId}.{key}");
        if (message is null)
        {
            await ledger.FinishMessageAsync(windowId, started, MessageState.Skipped, null, "nothing to send", time.GetUtcNow(), cancellationToken);
            return MessageState.Skipped;
        }
        var outcome = await sender.SendAsync(message, cancellationToken);
        var state = outcome.Status switch
        {
            SendStatus.Sent => MessageState.Sent,
            SendStatus.Failed => MessageState.Failed,
            SendStatus.Deferred => MessageState.Deferred,
            _ => MessageState.Unknown,
        };
        if (!await ledger.FinishMessageAsync(windowId, started, state, outcome.ProviderMessageId, outcome.Detail, time.GetUtcNow(), cancellationToken))
            LogOverrun(logger, windowId, key, state);
        LogSettled(logger, windowId, key, state);
        return state;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {WindowId}.{MessageKey}: {State}")]
    private static partial void LogSettled(ILogger logger, string windowId, string messageKey, MessageState state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {WindowId}.{MessageKey} ended {State} after another run had already marked it Unknown")]
    private static partial void LogOverrun(ILogger logger, string windowId, string messageKey, MessageState state);

    [LoggerMessage(Level = LogLevel.Error, EventName = "EmailNotResent", Message = "Message {WindowId}.{MessageKey} is {State} and will not be resent; check the provider's activity log")]
    private static partial void LogNotResent(ILogger logger, string windowId, string messageKey, MessageState state);
}
