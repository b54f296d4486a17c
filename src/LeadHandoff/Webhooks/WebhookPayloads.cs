using System.Text.Json;
using LeadHandoff.Leads;
using LeadHandoff.Team;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Webhooks;

/// <summary>
/// The JSON a subscriber receives: <c>{ type, timestamp, data }</c>, as the Standard Webhooks
/// specification shapes it, with <c>data</c> described by <c>docs/webhooks/*.schema.json</c>. It is
/// built from the lead when it is sent, never stored: an erased person's details are not in any
/// outbox, and a payload sent after erasure carries <c>"erased": true</c> and no personal data.
/// </summary>
public sealed class WebhookPayloads(LeadStore leads, LeadRouter router, IOptions<QualificationOptions> qualification)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<string> BuildAsync(WebhookEvent e, CancellationToken cancellationToken)
    {
        var lead = await leads.GetAsync(e.WindowId, e.LeadId, cancellationToken);
        var erased = lead is null || lead.Anonymised;
        var d = lead?.Details;
        var data = new Dictionary<string, object?>
        {
            ["leadId"] = e.LeadId,
            ["window"] = e.WindowId,
            ["erased"] = erased,
            ["receivedAt"] = lead?.FirstReceivedAt,
            ["submissions"] = lead?.SubmissionCount,
            ["person"] = erased || d is null ? null : new
            {
                d.Name, d.Email, d.Company, d.JobTitle, d.Phone, d.Message,
                Consent = new { d.Consent.Given, Version = d.Consent.TextVersion },
            },
            ["segment"] = d is null ? null : new { d.Segment.Sector, d.Segment.SizeBand },
            ["source"] = d is null ? null : new
            {
                d.Source.Offer, d.Source.UtmSource, d.Source.UtmMedium, d.Source.UtmCampaign, d.Source.UtmTerm, d.Source.UtmContent,
                PageUrl = erased ? null : d.Source.PageUrl,
                Referrer = erased ? null : d.Source.Referrer,
            },
            ["owner"] = Owner(e.Type == WebhookEventTypes.Delivered ? e.Detail.GetValueOrDefault("owner") : lead?.OwnerId),
            ["hot"] = lead?.Hot is { } hot ? new { hot.At, hot.DueAt } : null,
        };
        if (e.Type == WebhookEventTypes.Decided)
        {
            var reason = e.Detail.GetValueOrDefault("reason") is { Length: > 0 } id ? id : null;
            data["decision"] = new
            {
                Outcome = e.Detail["outcome"],
                Reason = reason,
                ReasonLabel = reason is null ? null : qualification.Value.EffectiveReasons.FirstOrDefault(r => r.Id == reason)?.Label ?? reason,
                DecidedBy = Owner(e.Detail["decidedBy"]),
                DecidedAt = e.CreatedAt,
                Revision = int.Parse(e.Detail["revision"], System.Globalization.CultureInfo.InvariantCulture),
                OnTime = e.Detail["onTime"] == "true",
            };
        }
        if (e.Type == WebhookEventTypes.Reassigned)
            data["reassigned"] = new { From = Owner(e.Detail["from"]), To = Owner(e.Detail["to"]) };
        return JsonSerializer.Serialize(new { e.Type, Timestamp = e.CreatedAt, Data = data }, Json);
    }

    private object? Owner(string? id) => id is null ? null : new { Id = id, Name = router.Find(id)?.Name };
}
