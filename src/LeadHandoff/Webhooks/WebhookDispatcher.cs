using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StandardWebhooks;

namespace LeadHandoff.Webhooks;

/// <summary>What one delivery run did, over every subscription.</summary>
public sealed record WebhookRunResult(int Delivered, int Failed, int Disabled);

/// <summary>
/// Delivers each subscription's due events at least once, signed as the Standard Webhooks
/// specification says (<c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature</c>). A
/// 2xx is delivered; anything else, or no answer, is tried again later (<see cref="WebhookBackoff"/>).
/// A subscription that has failed for <see cref="WebhookOptions.DisableAfterDays"/> without one
/// success is disabled and the alert fires; its events wait, and go when an admin enables it again.
/// </summary>
public sealed partial class WebhookDispatcher(
    WebhookStore store,
    WebhookPayloads payloads,
    IHttpClientFactory httpClients,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger)
{
    public const string HttpClientName = "webhooks";

    /// <summary>A receiver that has failed this many times in a row in one run is left for the next: a dead one costs a run three timeouts, not hundreds.</summary>
    public const int FailuresPerRun = 3;

    public async Task<WebhookRunResult> RunAsync(CancellationToken cancellationToken)
    {
        int delivered = 0, failed = 0, disabled = 0;
        foreach (var subscription in options.Value.Subscriptions)
        {
            var result = await RunSubscriptionAsync(subscription, cancellationToken);
            delivered += result.Delivered;
            failed += result.Failed;
            disabled += result.Disabled;
        }
        return new WebhookRunResult(delivered, failed, disabled);
    }

    private async Task<WebhookRunResult> RunSubscriptionAsync(WebhookSubscription subscription, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var state = await store.GetStateAsync(subscription.Id, cancellationToken);
        if (state.Disabled) return new WebhookRunResult(0, 0, 0);
        var before = state;
        var hook = new StandardWebhook(subscription.Secret);
        int delivered = 0, failed = 0, inARow = 0;
        var lease = TimeSpan.FromSeconds(settings.TimeoutSeconds * 2 + 60);
        foreach (var due in await store.DueAsync(subscription.Id, time.GetUtcNow(), settings.MaxPerRun, cancellationToken))
        {
            if (inARow >= FailuresPerRun) break;
            var pending = await store.LeaseAsync(due, time.GetUtcNow() + lease, cancellationToken);
            if (pending is null) continue; // another run has it
            var e = await store.GetEventAsync(subscription.Id, pending.EventId, cancellationToken);
            if (e is null) continue;
            var body = await payloads.BuildAsync(e, cancellationToken);
            var at = time.GetUtcNow();
            var (status, outcome, elapsed) = await PostAsync(subscription, hook, e.Id, at, body, cancellationToken);
            var attempt = new WebhookAttempt(e.Id, e.Type, pending.Attempts + 1, at, status, outcome, elapsed);
            if (status is >= 200 and < 300)
            {
                await store.RecordDeliveredAsync(pending, attempt, cancellationToken);
                state = state with { LastSuccessAt = at, FailingSince = null };
                delivered++;
                inARow = 0;
            }
            else
            {
                var wait = WebhookBackoff.Delay(attempt.Attempt, TimeSpan.FromSeconds(settings.FirstRetrySeconds), TimeSpan.FromMinutes(settings.MaxRetryMinutes), Random.Shared.NextDouble());
                await store.RecordFailedAsync(pending, attempt, at + wait, cancellationToken);
                state = state with { FailingSince = state.FailingSince ?? at };
                LogFailed(logger, subscription.Id, e.Id, attempt.Attempt, outcome);
                failed++;
                inARow++;
            }
        }

        var now = time.GetUtcNow();
        var disabled = 0;
        if (state.FailingSince is { } since && now - since >= TimeSpan.FromDays(settings.DisableAfterDays))
        {
            state = state with
            {
                Disabled = true,
                DisabledAt = now,
                DisabledReason = $"every delivery failed from {since:yyyy-MM-dd HH:mm} UTC to {now:yyyy-MM-dd HH:mm} UTC",
            };
            LogDisabled(logger, subscription.Id, settings.DisableAfterDays, await store.CountPendingAsync(subscription.Id, cancellationToken));
            disabled = 1;
        }
        if (state != before) await store.SetStateAsync(subscription.Id, state, cancellationToken);
        return new WebhookRunResult(delivered, failed, disabled);
    }

    /// <summary>Enables a disabled subscription again: its waiting events are due at once.</summary>
    public async Task<bool> EnableAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        if (options.Value.Subscriptions.All(s => s.Id != subscriptionId)) return false;
        await store.SetStateAsync(subscriptionId, WebhookSubscriptionState.Healthy, cancellationToken);
        await store.MakeDueAsync(subscriptionId, time.GetUtcNow(), cancellationToken);
        LogEnabled(logger, subscriptionId);
        return true;
    }

    private async Task<(int Status, string Outcome, double Milliseconds)> PostAsync(WebhookSubscription subscription, StandardWebhook hook, string id, DateTimeOffset at, string body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", hook.Sign(id, at, body));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return (status, status is >= 200 and < 300 ? "delivered" : $"HTTP {status}", clock.Elapsed.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (0, $"no answer in {options.Value.TimeoutSeconds} s", clock.Elapsed.TotalMilliseconds);
        }
        catch (HttpRequestException ex) when (ex.InnerException is ReceiverNotPublicException refused)
        {
            return (0, refused.Message, clock.Elapsed.TotalMilliseconds);
        }
        catch (HttpRequestException ex)
        {
            return (0, $"no answer ({ex.HttpRequestError})", clock.Elapsed.TotalMilliseconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {EventId} to subscription {SubscriptionId} failed on try {Attempt}: {Outcome}")]
    private static partial void LogFailed(ILogger logger, string subscriptionId, string eventId, int attempt, string outcome);

    // The deployment's alert looks for this event.
    [LoggerMessage(EventId = 3201, EventName = "WebhookSubscriptionDisabled", Level = LogLevel.Error,
        Message = "Webhook subscription {SubscriptionId} disabled: every delivery failed for {Days} days; {Pending} events wait for it to be enabled again")]
    private static partial void LogDisabled(ILogger logger, string subscriptionId, double days, int pending);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook subscription {SubscriptionId} enabled by an admin")]
    private static partial void LogEnabled(ILogger logger, string subscriptionId);
}
