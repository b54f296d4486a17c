using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;

namespace LeadHandoff.EndToEnd.Tests;

/// <summary>
/// The hot lane and the webhooks under the real host: a demo request posted to the form reaches its
/// owner's inbox (the fake SendGrid) within the request, and the host's own webhook timer delivers
/// lead.received and lead.delivered to a loopback receiver, signed so that the StandardWebhooks
/// library's full verification (timestamps included: real clocks here) accepts them.
/// </summary>
[Trait("Category", "Host")]
public sealed class HotLaneAndWebhooksTests : StorageAndMail
{
    private WebhookReceiver _receiver = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _receiver = new WebhookReceiver();
    }

    public override async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_demo_request_reaches_its_owner_at_once_and_the_host_timer_delivers_its_events_signed()
    {
        var settings = TestSettings.For(Storage.ConnectionString);
        TestSettings.TimersOff(settings, running: ["HotLaneSchedule", "WebhookSchedule"]);
        settings["HotLaneSchedule"] = "*/5 * * * * *";
        settings["WebhookSchedule"] = "*/2 * * * * *";
        TestSettings.UseSendGrid(settings, SendGrid);
        TestSettings.AddOwners(settings, TestSettings.Rita, TestSettings.Sam);
        settings["Routing:Pool:0"] = "rep-1";
        settings["HotLane:Offers:0"] = "demo-request";
        settings["Webhooks:Subscriptions:0:Id"] = "crm";
        settings["Webhooks:Subscriptions:0:Url"] = _receiver.Url;
        settings["Webhooks:Subscriptions:0:Secret"] = WebhookReceiver.Secret;
        await using var host = await FuncHost.StartAsync(settings, Storage.ConnectionString);

        var fields = LeadRequests.Valid("buyer@hot.example");
        fields["offer"] = "demo-request";
        fields["company"] = "Hot Prospect Ltd";
        var posted = await FuncHost.Http.PostAsJsonAsync(host.BaseUrl + "/api/leads", fields);
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        // Within the form's own request: the email is at SendGrid before the answer came back.
        Assert.Single(SendGrid.To(TestSettings.Rita.Email), m => m.Subject.StartsWith("Hot lead: Hot Prospect Ltd", StringComparison.Ordinal));

        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until && _receiver.Accepted.Select(a => a.Type).Distinct().Count() < 2) await Task.Delay(500);
        var events = _receiver.Accepted.GroupBy(a => a.Type).ToDictionary(g => g.Key, g => g.First());
        Assert.Equal(["lead.delivered", "lead.received"], events.Keys.Order());
        foreach (var e in events.Values)
        {
            var headers = new HeaderDictionary();
            foreach (var name in new[] { "webhook-id", "webhook-timestamp", "webhook-signature" }) headers[name] = e.Request.Headers[name];
            new StandardWebhook(WebhookReceiver.Secret).Verify(e.Body, headers); // throws if not
        }
        Assert.Equal("rep-1", events["lead.delivered"].Data.GetProperty("owner").GetProperty("id").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, events["lead.delivered"].Data.GetProperty("hot").ValueKind);
        Assert.DoesNotContain("(Failed,", host.Output);
    }
}
