using System.Globalization;
using System.Text;
using LeadHandoff.Functions.Http;
using LeadHandoff.Storage;
using LeadHandoff.Webhooks;
using static LeadHandoff.Email.EmailText;

namespace LeadHandoff.Functions.Webhooks;

/// <summary>The admins' webhook page: per subscription its state, what waits, and the delivery log.</summary>
public static class WebhookPage
{
    public sealed record SubscriptionView(WebhookSubscription Subscription, WebhookSubscriptionState State, int Pending, IReadOnlyList<WebhookAttempt> Attempts);

    public static object Json(SubscriptionView v) => new
    {
        id = v.Subscription.Id,
        url = v.Subscription.Url,
        events = v.Subscription.Events.Count == 0 ? WebhookEventTypes.All : v.Subscription.Events,
        enabled = !v.State.Disabled,
        disabledAt = v.State.DisabledAt,
        disabledReason = v.State.DisabledReason,
        lastSuccessAt = v.State.LastSuccessAt,
        failingSince = v.State.FailingSince,
        pending = v.Pending,
        attempts = v.Attempts.Select(a => new { eventId = a.EventId, type = a.Type, attempt = a.Attempt, at = a.At, status = a.Status, outcome = a.Outcome, milliseconds = Math.Round(a.Milliseconds, 1) }),
    };

    public static string Render(IReadOnlyList<SubscriptionView> views, string? message, string selfUrl)
    {
        var body = new StringBuilder("<h1>Outbound webhooks</h1>")
            .Append("<p class=\"muted\">Each subscription gets the lead events it asked for, signed as the Standard Webhooks specification says, at least once. Times are UTC.</p>");
        if (message is not null) body.Append($"<p class=\"status\" role=\"status\">{H(message)}</p>");
        if (views.Count == 0) body.Append("<div class=\"card\"><p>No subscriptions are configured (<code>Webhooks:Subscriptions</code>).</p></div>");
        foreach (var v in views)
        {
            var s = v.Subscription;
            var id = "w-" + s.Id;
            body.Append($"<section class=\"card\" aria-labelledby=\"{H(id)}\"><h2 id=\"{H(id)}\">{H(s.Id)}</h2><dl>")
                .Append($"<dt>Posts to</dt><dd>{H(s.Url)}</dd>")
                .Append($"<dt>Events</dt><dd>{H(string.Join(", ", s.Events.Count == 0 ? WebhookEventTypes.All : s.Events))}</dd>")
                .Append($"<dt>State</dt><dd>{H(State(v.State))}</dd>")
                .Append($"<dt>Waiting</dt><dd>{Count(v.Pending, "event")}</dd></dl>");
            if (v.State.Disabled)
            {
                body.Append($"<form method=\"post\" action=\"{H(selfUrl)}\"><input type=\"hidden\" name=\"action\" value=\"enable\">")
                    .Append($"<input type=\"hidden\" name=\"subscription\" value=\"{H(s.Id)}\"><p><button>Enable again</button></p></form>");
            }
            body.Append($"<h3>Delivery log (newest {v.Attempts.Count})</h3>")
                .Append($"<div class=\"scroll\" role=\"region\" aria-label=\"Delivery log of {H(s.Id)}\" tabindex=\"0\"><table style=\"border-collapse:collapse;width:100%\">")
                .Append("<thead><tr><th scope=\"col\" style=\"text-align:left\">Time</th><th scope=\"col\" style=\"text-align:left\">Event</th><th scope=\"col\">Try</th><th scope=\"col\" style=\"text-align:left\">Outcome</th><th scope=\"col\">ms</th></tr></thead><tbody>");
            foreach (var a in v.Attempts)
            {
                body.Append($"<tr><td>{H(a.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))}</td><td>{H(a.Type)}<br><code>{H(a.EventId)}</code></td>")
                    .Append($"<td>{a.Attempt}</td><td>{H(a.Outcome)}</td><td>{a.Milliseconds.ToString("0", CultureInfo.InvariantCulture)}</td></tr>");
            }
            if (v.Attempts.Count == 0) body.Append("<tr><td colspan=\"5\">No attempts yet.</td></tr>");
            body.Append("</tbody></table></div></section>");
        }
        return PageLayout.Render("Outbound webhooks", body.ToString());
    }

    private static string State(WebhookSubscriptionState state) => state switch
    {
        { Disabled: true } => $"Disabled on {state.DisabledAt:yyyy-MM-dd HH:mm}: {state.DisabledReason}. Its events wait; enable it once the receiver is fixed.",
        { FailingSince: { } since } => $"Enabled, failing since {since:yyyy-MM-dd HH:mm}; retried with backoff.",
        { LastSuccessAt: { } last } => $"Enabled; last delivery {last:yyyy-MM-dd HH:mm}.",
        _ => "Enabled; nothing delivered yet.",
    };
}
