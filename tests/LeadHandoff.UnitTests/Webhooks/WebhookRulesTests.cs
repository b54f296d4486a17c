using LeadHandoff.Webhooks;

namespace LeadHandoff.Tests.Webhooks;

/// <summary>The retry schedule and the subscription settings' checks.</summary>
public sealed class WebhookRulesTests
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Ceiling = TimeSpan.FromHours(6);

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(5, 480)]
    [InlineData(10, 15360)]
    public void Each_failure_doubles_the_wait_with_jitter_of_a_quarter_either_way(int failures, double seconds)
    {
        Assert.Equal(seconds * 0.75, WebhookBackoff.Delay(failures, First, Ceiling, 0).TotalSeconds, precision: 6);
        Assert.Equal(seconds, WebhookBackoff.Delay(failures, First, Ceiling, 0.5).TotalSeconds, precision: 6);
        Assert.Equal(seconds * 1.25, WebhookBackoff.Delay(failures, First, Ceiling, 1).TotalSeconds, precision: 6);
    }

    [Fact]
    public void Waits_never_pass_the_ceiling_however_many_failures()
    {
        Assert.Equal(Ceiling, WebhookBackoff.Delay(11, First, Ceiling, 1));
        Assert.Equal(Ceiling, WebhookBackoff.Delay(1000, First, Ceiling, 0.99));
        Assert.Equal(Ceiling * 0.75, WebhookBackoff.Delay(1000, First, Ceiling, 0));
    }

    [Fact]
    public void Three_days_of_failures_cost_tens_of_tries_not_thousands()
    {
        var elapsed = TimeSpan.Zero;
        var tries = 0;
        while (elapsed < TimeSpan.FromDays(3)) elapsed += WebhookBackoff.Delay(++tries, First, Ceiling, 0.5);
        Assert.InRange(tries, 15, 30);
    }

    [Fact]
    public void Each_bad_subscription_setting_is_named()
    {
        var options = new WebhookOptions
        {
            Subscriptions =
            [
                new() { Id = "crm", Url = "https://crm.example.com/hooks", Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", Events = ["lead.decided"] },
                new() { Id = "crm", Url = "http://crm.example.com/hooks", Secret = "not-a-secret", Events = ["lead.won"] },
                new() { Id = "bad id!", Url = "http://localhost:8080/hooks", Secret = "whsec_c2hvcnQ=" },
            ],
        };
        var messages = options.Validate().ToList();
        Assert.Equal(
        [
            "Webhooks:Subscriptions:1:Id 'crm' is used by another subscription.",
            "Webhooks:Subscriptions:1:Url must be an absolute https URL.",
            "Webhooks:Subscriptions:1:Events names 'lead.won', which is not one of lead.received, lead.delivered, lead.decided, lead.reassigned, lead.erased.",
            "Webhooks:Subscriptions:1:Secret must be 'whsec_' followed by base64 of at least 24 bytes (scripts/ensure-signing-keys.sh makes one in Key Vault).",
            "Webhooks:Subscriptions:2:Id 'bad id!' must be 1–32 letters, digits or hyphens.",
            "Webhooks:Subscriptions:2:Url must be an absolute https URL.",
            "Webhooks:Subscriptions:2:Secret must be 'whsec_' followed by base64 of at least 24 bytes (scripts/ensure-signing-keys.sh makes one in Key Vault).",
        ], messages);
    }

    [Fact]
    public void Event_ids_are_derived_from_what_happened_so_a_repeat_is_the_same_event()
    {
        var at = new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(WebhookEvent.Received("2026-W50", "abc", at).Id, WebhookEvent.Received("2026-W50", "abc", at.AddHours(1)).Id);
        Assert.Equal("evt_2026-W50_abc_reassigned-rep-1-rep-2", WebhookEvent.Reassigned("2026-W50", "abc", "rep-1", "rep-2", at).Id);
        Assert.StartsWith(WebhookEvent.WindowPrefix("2026-W50"), WebhookEvent.Erased("2026-W50", "abc", at).Id);
    }
}
