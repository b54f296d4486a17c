using System.Net;

namespace LeadHandoff.EndToEnd.Tests;

/// <summary>
/// The rate limit under the real host: the host sets X-Forwarded-For to the address it saw and the
/// worker consumes it, so a client that writes its own header, a new one each time, is still one
/// client. In-process tests cannot show this: they skip the host and the worker's middleware.
/// </summary>
[Trait("Category", "Host")]
public sealed class ClientAddressTests : IAsyncLifetime
{
    private Azurite _storage = null!;

    public async Task InitializeAsync() => _storage = await Azurite.StartAsync(tableOnly: false);

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task A_client_rotating_a_spoofed_x_forwarded_for_gets_nothing_past_its_limit_under_the_real_host()
    {
        var settings = TestSettings.For(_storage.ConnectionString);
        settings["Intake:RateLimitPermits"] = "3";
        settings["Intake:RateLimitWindowSeconds"] = "3600";
        TestSettings.TimersOff(settings);
        await using var host = await FuncHost.StartAsync(settings, _storage.ConnectionString);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, host.BaseUrl + "/api/leads")
            {
                Content = new FormUrlEncodedContent(LeadRequests.Valid($"p{i}@example.com")),
                Headers = { { "X-Forwarded-For", $"198.51.{i}.{i + 1}, 203.0.113.{i + 1}" }, { "X-Azure-ClientIP", $"192.0.2.{i + 1}" } },
            };
            statuses.Add((await FuncHost.Http.SendAsync(post)).StatusCode);
        }

        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.SeeOther));
        Assert.Equal(9, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }
}
