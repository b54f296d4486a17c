using System.Net;
using LeadHandoff.Webhooks;

namespace LeadHandoff.Tests.Webhooks;

/// <summary>A subscription cannot be pointed at the app's own network: checked on the URL at start-up, and on every connection after DNS.</summary>
public sealed class ReceiverAddressTests
{
    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("20.50.2.1", true)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.254", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)] // the cloud metadata endpoint
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("::", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd12:3456::1", false)]
    [InlineData("::ffff:10.0.0.1", false)] // a private address in IPv6 clothing
    [InlineData("::ffff:8.8.8.8", true)]
    public void Only_public_addresses_may_receive(string address, bool isPublic) =>
        Assert.Equal(isPublic, ReceiverAddress.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public void A_subscription_to_this_machine_or_a_private_address_is_refused_at_start_up_naming_it()
    {
        string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        var options = new WebhookOptions
        {
            Subscriptions =
            [
                new() { Id = "ok", Url = "https://crm.example.com/hooks", Secret = Secret },
                new() { Id = "metadata", Url = "https://169.254.169.254/latest", Secret = Secret },
                new() { Id = "private", Url = "https://10.0.0.5/hooks", Secret = Secret },
                new() { Id = "local", Url = "https://localhost:8443/hooks", Secret = Secret },
                new() { Id = "loopback6", Url = "https://[::1]/hooks", Secret = Secret },
            ],
        };

        Assert.Equal(
        [
            "Webhooks:Subscriptions:1:Url must not point at this machine or a private, loopback or link-local address (169.254.169.254).",
            "Webhooks:Subscriptions:2:Url must not point at this machine or a private, loopback or link-local address (10.0.0.5).",
            "Webhooks:Subscriptions:3:Url must not point at this machine or a private, loopback or link-local address (localhost).",
            "Webhooks:Subscriptions:4:Url must not point at this machine or a private, loopback or link-local address (::1).",
        ], options.Validate());

        options.AllowLocalReceivers = true; // development: a receiver on this machine over plain http
        options.Subscriptions = [new() { Id = "dev", Url = "http://127.0.0.1:8080/hooks", Secret = Secret }];
        Assert.Empty(options.Validate());
    }

    [Fact]
    public async Task A_name_that_resolves_only_to_private_addresses_is_not_connected_to()
    {
        var resolved = new Dictionary<string, IPAddress[]> { ["crm.example.com"] = [IPAddress.Parse("10.0.0.5"), IPAddress.Parse("169.254.169.254")] };
        Task<IPAddress[]> Resolve(string host, CancellationToken _) => Task.FromResult(resolved[host]);

        var refused = await Assert.ThrowsAsync<ReceiverNotPublicException>(async () =>
            await ReceiverAddress.ConnectAsync(new DnsEndPoint("crm.example.com", 443), allowLocal: false, Resolve, CancellationToken.None));

        Assert.Equal("The receiver's host resolves to no public address (10.0.0.5, 169.254.169.254): refused.", refused.Message);
    }
}
