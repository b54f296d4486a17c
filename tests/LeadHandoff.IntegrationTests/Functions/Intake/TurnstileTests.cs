using LeadHandoff.Leads;
using LeadHandoff.Tests.Infrastructure;

namespace LeadHandoff.Tests.Functions.Intake;

/// <summary>Turnstile verification against a local fake of Cloudflare's siteverify endpoint.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TurnstileTests(AzuriteFixture azurite)
{
    private static LoopbackHttpServer Verifier(int status, string body) => new(_ => Task.FromResult(LoopbackReply.Json(status, body)));

    private TestApp App(string verifyUrl, Action<Dictionary<string, string?>>? configure = null) => TestApp.Create(azurite.ConnectionString, s =>
    {
        s["Turnstile:SecretKey"] = "test-secret";
        s["Turnstile:VerifyUrl"] = verifyUrl;
        s["Turnstile:TimeoutSeconds"] = "2";
        configure?.Invoke(s);
    });

    private static LoopbackHttpServer RawVerifier(string contentType, string body) => new(_ => Task.FromResult(new LoopbackReply(200, body, contentType)));

    [Theory]
    [InlineData("""{"success":true,"hostname":"evil.example","action":"lead"}""", "turnstile-wronghostname")]
    [InlineData("""{"success":true,"hostname":"www.example.com","action":"newsletter"}""", "turnstile-wrongaction")]
    public async Task A_challenge_solved_for_another_site_or_action_is_quarantined(string reply, string reason)
    {
        await using var verifier = Verifier(200, reply);
        await using var app = App(verifier.Url("/siteverify"), s => { s["Turnstile:Hostnames:0"] = "www.example.com"; s["Turnstile:Action"] = "lead"; });

        var response = await app.PostAsync(LeadRequests.Json(WithToken()));

        Assert.Equal(201, response.Status);
        Assert.Empty(await app.LeadsAsync());
        Assert.Equal((FlagKind.Quarantined, reason), (Assert.Single(await app.FlaggedAsync()).Kind, Assert.Single(await app.FlaggedAsync()).Reason));
    }

    [Fact]
    public async Task A_challenge_solved_on_our_site_for_our_action_stores_the_lead()
    {
        await using var verifier = Verifier(200, """{"success":true,"hostname":"WWW.example.com","action":"lead"}""");
        await using var app = App(verifier.Url("/siteverify"), s => { s["Turnstile:Hostnames:0"] = "www.example.com"; s["Turnstile:Action"] = "lead"; });

        Assert.Equal(201, (await app.PostAsync(LeadRequests.Json(WithToken()))).Status);
        Assert.Single(await app.LeadsAsync());
    }

    [Fact]
    public async Task A_token_over_2048_characters_is_quarantined_without_asking_the_verifier()
    {
        await using var verifier = Verifier(200, """{"success":true}""");
        await using var app = App(verifier.Url("/siteverify"));
        var fields = WithToken();
        fields["cf-turnstile-response"] = new string('t', 2049);

        var response = await app.PostAsync(LeadRequests.Json(fields));

        Assert.Equal(201, response.Status);
        Assert.Empty(verifier.Requests);
        Assert.Equal("turnstile-tokentoolong", Assert.Single(await app.FlaggedAsync()).Reason);
    }

    [Theory]
    [InlineData("application/json; charset=klingon", """{"success":true}""")]
    [InlineData("text/html", "<html><body>Cloudflare is having a moment</body></html>")]
    [InlineData("application/json", "")]
    public async Task A_verifier_reply_that_cannot_be_read_quarantines_never_500(string contentType, string body)
    {
        await using var verifier = RawVerifier(contentType, body);
        await using var app = App(verifier.Url("/siteverify"));

        var response = await app.PostAsync(LeadRequests.Json(WithToken()));

        Assert.Equal(201, response.Status);
        Assert.Equal("turnstile-unreadablereply", Assert.Single(await app.FlaggedAsync()).Reason);
    }

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
