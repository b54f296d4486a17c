using System.Text.Json;
using LeadHandoff.Functions.Intake;
using LeadHandoff.Tests.Infrastructure;

namespace LeadHandoff.Tests.Functions.Intake;

/// <summary>
/// <c>POST /api/integrations/leads</c>: a Zapier post or a CRM webhook, keyed by the host. It has no
/// honeypot and solves no challenge, and it must still become a lead, validated and de-duplicated
/// like any form post. The key itself is the host's to check: the end-to-end tests show a keyless
/// call refused by the real host.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class IntegrationIntakeTests(AzuriteFixture azurite)
{
    private TestApp App(string verifyUrl) => TestApp.Create(azurite.ConnectionString, s =>
    {
        // Turnstile switched on for the website: it must not touch the integration path.
        s["Turnstile:SecretKey"] = "test-secret";
        s["Turnstile:VerifyUrl"] = verifyUrl;
        s["Intake:RateLimitPermits"] = "2";
    });

    private static Task<TestResponse> PostIntegrationAsync(TestApp app, TestRequest request) =>
        app.SendAsync(request with { Target = "/api/integrations/leads" }, http => app.Function<SubmitIntegrationLead>().Run(http, CancellationToken.None));

    private static Dictionary<string, string> WithoutHoneypot(string email)
    {
        var fields = LeadRequests.Valid(email);
        fields.Remove("lh_trap");
        return fields;
    }

    [Fact]
    public async Task A_keyed_integration_post_without_honeypot_or_challenge_becomes_a_lead_and_the_verifier_is_never_asked()
    {
        await using var verifier = new LoopbackHttpServer(_ => Task.FromResult(LoopbackReply.Json(200, """{"success":false}""")));
        await using var app = App(verifier.Url("/siteverify"));

        var response = await PostIntegrationAsync(app, LeadRequests.Json(WithoutHoneypot("zapier.lead@example.com")));

        Assert.Equal(201, response.Status);
        var lead = Assert.Single(await app.LeadsAsync());
        Assert.Equal(JsonDocument.Parse(response.Body).RootElement.GetProperty("id").GetString(), lead.Id);
        Assert.Empty(await app.FlaggedAsync());
        Assert.Empty(verifier.Requests);
    }

    [Fact]
    public async Task An_integration_is_not_timed_even_with_a_stamp_a_form_would_be_held_for()
    {
        await using var verifier = new LoopbackHttpServer(_ => Task.FromResult(LoopbackReply.Json(200, """{"success":true}""")));
        await using var app = App(verifier.Url("/siteverify"));
        var fields = WithoutHoneypot("server.post@example.com");
        fields["lh_stamp"] = app.Get<LeadHandoff.Intake.FormStamps>().Issue(); // shown this very instant

        var response = await PostIntegrationAsync(app, LeadRequests.Json(fields));

        Assert.Equal(201, response.Status);
        Assert.Single(await app.LeadsAsync());
        Assert.Empty(await app.FlaggedAsync());
    }

    [Fact]
    public async Task The_same_post_through_the_public_form_path_is_still_held_back_as_spam()
    {
        await using var verifier = new LoopbackHttpServer(_ => Task.FromResult(LoopbackReply.Json(200, """{"success":true}""")));
        await using var app = App(verifier.Url("/siteverify"));

        Assert.Equal(201, (await app.PostAsync(LeadRequests.Json(WithoutHoneypot("zapier.lead@example.com")))).Status);

        Assert.Empty(await app.LeadsAsync());
        Assert.Equal("honeypot-missing", Assert.Single(await app.FlaggedAsync()).Reason);
    }

    [Fact]
    public async Task Integration_posts_are_deduplicated_and_validated_and_not_held_to_the_per_address_rate_limit()
    {
        await using var verifier = new LoopbackHttpServer(_ => Task.FromResult(LoopbackReply.Json(200, """{"success":true}""")));
        await using var app = App(verifier.Url("/siteverify"));

        var ids = new List<string>();
        for (var i = 0; i < 5; i++) // one server, five posts, a limit of two a minute per address
        {
            var response = await PostIntegrationAsync(app, LeadRequests.Json(WithoutHoneypot(i < 3 ? "same.person@example.com" : $"other{i}@example.com")));
            Assert.Equal(201, response.Status);
            ids.Add(JsonDocument.Parse(response.Body).RootElement.GetProperty("id").GetString()!);
        }
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(3, (await app.LeadsAsync()).Single(l => l.Details.Email == "same.person@example.com").SubmissionCount);

        var bad = WithoutHoneypot("not-an-email");
        var refused = await PostIntegrationAsync(app, LeadRequests.UrlEncoded(bad));
        Assert.Equal(400, refused.Status);
        Assert.StartsWith("application/problem+json", refused.ContentType);
        Assert.Contains("Email must be a valid email address.", refused.Body);
    }
}
