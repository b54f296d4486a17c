using LeadHandoff.Leads;
using LeadHandoff.Tests.Infrastructure;

namespace LeadHandoff.Tests.Functions.Intake;

/// <summary>Turnstile verification against a local fake of Cloudflare's siteverify endpoint.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TurnstileTests(AzuriteFixture azurite)
{
    private static LoopbackHttpServer Verifier(int status, string body) => new(_ => Task.FromResult(LoopbackReply.Json(status, body)));

    private TestApp App(string verifyUrl) => TestApp.Create(azurite.ConnectionString, s =>
    {
        s["Turnstile:SecretKey"] = "test-secret";
        s["Turnstile:VerifyUrl"] = verifyUrl;
        s["Turnstile:TimeoutSeconds"] = "2";
    });

    private static Dictionary<string, string> WithToken()
    {
        var fields = LeadRequests.Valid();
        fields["cf-turnstile-response"] = "token-from-widget";
        return fields;
    }

    [Fact]
    public async Task A_passed_challenge_stores_the_lead_and_sends_secret_token_and_client_ip_to_the_verifier()
    {
        await using var verifier = Verifier(200, """{"success":true}""");
        await using var app = App(verifier.Url("/siteverify"));

        var response = await app.PostAsync(LeadRequests.Json(WithToken(), ip: "198.51.100.20"));

        Assert.Equal(201, response.Status);
        Assert.Single(await app.LeadsAsync());
        var request = Assert.Single(verifier.Requests);
        Assert.Equal("/siteverify", request.Path);
        var form = System.Web.HttpUtility.ParseQueryString(request.Body);
        Assert.Equal("test-secret", form["secret"]);
        Assert.Equal("token-from-widget", form["response"]);
        Assert.Equal("198.51.100.20", form["remoteip"]);
    }

    [Fact]
    public async Task A_failed_challenge_is_quarantined_and_answered_like_success()
    {
        await using var verifier = Verifier(200, """{"success":false,"error-codes":["invalid-input-response"]}""");
        await using var app = App(verifier.Url("/siteverify"));

        var response = await app.PostAsync(LeadRequests.UrlEncoded(WithToken()));

        Assert.Equal(303, response.Status);
        Assert.Equal("https://www.example.com/thanks", response.Header("Location"));
        Assert.Empty(await app.LeadsAsync());
        var flagged = Assert.Single(await app.FlaggedAsync());
        Assert.Equal(FlagKind.Quarantined, flagged.Kind);
        Assert.Equal("turnstile-failed", flagged.Reason);
        Assert.Equal("ada@example.com", flagged.Fields["email"]);
    }

    [Fact]
    public async Task A_missing_token_is_quarantined_without_asking_the_verifier()
    {
        await using var verifier = Verifier(200, """{"success":true}""");
        await using var app = App(verifier.Url("/siteverify"));

        var response = await app.PostAsync(LeadRequests.Json(LeadRequests.Valid()));

        Assert.Equal(201, response.Status);
        Assert.Empty(verifier.Requests);
        Assert.Equal("turnstile-failed", Assert.Single(await app.FlaggedAsync()).Reason);
    }

    [Fact]
    public async Task A_verifier_answering_500_quarantines_the_lead()
    {
        await using var verifier = Verifier(500, "{}");
        await using var app = App(verifier.Url("/siteverify"));

        var response = await app.PostAsync(LeadRequests.Json(WithToken()));

        Assert.Equal(201, response.Status);
        Assert.Empty(await app.LeadsAsync());
        Assert.Equal("turnstile-unavailable", Assert.Single(await app.FlaggedAsync()).Reason);
    }

    [Fact]
    public async Task An_unreachable_verifier_quarantines_the_lead()
    {
        await using var app = App($"http://127.0.0.1:{FreePort.Next()}/siteverify");

        var response = await app.PostAsync(LeadRequests.Json(WithToken()));

        Assert.Equal(201, response.Status);
        Assert.Empty(await app.LeadsAsync());
        Assert.Equal("turnstile-unavailable", Assert.Single(await app.FlaggedAsync()).Reason);
    }

    [Fact]
    public async Task A_verifier_slower_than_the_timeout_quarantines_the_lead()
    {
        await using var verifier = new LoopbackHttpServer(async _ =>
        {
            await Task.Delay(TimeSpan.FromSeconds(4));
            return LoopbackReply.Json(200, """{"success":true}""");
        });
        await using var app = App(verifier.Url("/siteverify"));

        var response = await app.PostAsync(LeadRequests.Json(WithToken()));

        Assert.Equal(201, response.Status);
        Assert.Equal("turnstile-unavailable", Assert.Single(await app.FlaggedAsync()).Reason);
    }
}
