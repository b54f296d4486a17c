using LeadHandoff.Functions.Http;
using LeadHandoff.Functions.Staff;
using LeadHandoff.Html;
using LeadHandoff.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Functions.Webhooks;

/// <summary>
/// <c>/api/webhooks</c>: the admins' view of outbound webhooks. GET shows each subscription's state,
/// its waiting events and the delivery log, newest first (HTML, or JSON for <c>format=json</c>); POST
/// <c>action=enable&amp;subscription=…</c> turns a disabled one back on. Behind a key made on this
/// function alone.
/// </summary>
public sealed class WebhookAdmin(WebhookStore store, WebhookDispatcher dispatcher, IOptions<WebhookOptions> options)
{
    public const int LogRows = 100;

    [Function(nameof(WebhookAdmin))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = "webhooks")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var json = request.Query["format"].ToString() == "json";
        var t = json ? StaffPageText.English : Staff.StaffRequest.TextFor(request);
        string? message = null;
        if (HttpMethods.IsPost(request.Method))
        {
            var form = await RequestBody.ReadAsync(request, 1024, allowJson: false, cancellationToken);
            if (form is not SubmittedForm.Fields fields) return BodyRefusal.For(form, json: false);
            if (fields.Values.GetValueOrDefault("action") != "enable")
                return WebResponse.Problem(StatusCodes.Status400BadRequest, "Invalid webhook request.", errors: new Dictionary<string, string[]> { ["action"] = ["action must be enable."] });
            var id = fields.Values.GetValueOrDefault("subscription") ?? "";
            if (!await dispatcher.EnableAsync(id, cancellationToken))
                return WebResponse.Problem(StatusCodes.Status404NotFound, "No such subscription.", errors: new Dictionary<string, string[]> { ["subscription"] = ["subscription must name a configured subscription."] });
            message = t["WhEnabled", id];
        }

        var views = new List<WebhookSubscriptionView>();
        foreach (var subscription in options.Value.Subscriptions)
        {
            views.Add(new WebhookSubscriptionView(
                subscription,
                await store.GetStateAsync(subscription.Id, cancellationToken),
                await store.CountPendingAsync(subscription.Id, cancellationToken),
                await store.AttemptsAsync(subscription.Id, LogRows, cancellationToken)));
        }
        if (json)
            return WebResponse.JsonBody(StatusCodes.Status200OK, new { message, subscriptions = views.Select(WebhookJson.Of) });
        return WebResponse.Page(StatusCodes.Status200OK, HtmlTemplates.Render<WebhooksPage, WebhooksPage.Data>(new(t, views, message, request.Path + request.QueryString.ToString(), StaffForms.TokenOf(request))));
    }
}
