using System.Buffers.Text;
using LeadHandoff.Links;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LeadHandoff.Tests.Links;

public sealed class LinkSignerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static LinkSigner Signer(FakeTimeProvider time, string current = "k1", bool withK1 = true, bool withK2 = false)
    {
        var keys = new List<SigningKeyOptions>();
        if (withK1) keys.Add(new() { Id = "k1", Secret = TestKeys.Key1 });
        if (withK2) keys.Add(new() { Id = "k2", Secret = TestKeys.Key2 });
        return new LinkSigner(Options.Create(new LinkOptions { BaseUrl = "https://x.example", SigningKeys = keys, CurrentKeyId = current }), time);
    }

    [Fact]
    public void A_token_round_trips_its_claims()
    {
        var signer = Signer(new FakeTimeProvider(Now));

        var result = signer.Verify(signer.Sign(LinkPurpose.Qualify, "2026-W50/abc123", "rep-1"), LinkPurpose.Qualify);

        Assert.Equal(TokenCheck.Valid, result.Check);
        Assert.Equal(new LinkClaims(LinkPurpose.Qualify, "2026-W50/abc123", "rep-1", Now.AddDays(21)), result.Claims);
    }

    [Fact]
    public void Every_single_bit_flip_in_a_token_is_refused()
    {
        var signer = Signer(new FakeTimeProvider(Now));
        var token = signer.Sign(LinkPurpose.Qualify, "2026-W50/abc123", "rep-1");
        var bytes = System.Text.Encoding.ASCII.GetBytes(token);

        for (var i = 0; i < bytes.Length * 8; i++)
        {
            var flipped = (byte[])bytes.Clone();
            flipped[i / 8] ^= (byte)(1 << (i % 8));
            var check = signer.Verify(System.Text.Encoding.Latin1.GetString(flipped), LinkPurpose.Qualify).Check;
            Assert.True(check == TokenCheck.Forged, $"bit {i} flipped gave {check}");
        }
    }

    [Fact]
    public void A_token_for_one_purpose_is_refused_for_another()
    {
        var signer = Signer(new FakeTimeProvider(Now));

        Assert.Equal(TokenCheck.WrongPurpose, signer.Verify(signer.Sign(LinkPurpose.Batch, "2026-W50", "rep-1"), LinkPurpose.Qualify).Check);
    }

    [Fact]
    public void A_token_expires_after_21_days()
    {
        var time = new FakeTimeProvider(Now);
        var signer = Signer(time);
        var token = signer.Sign(LinkPurpose.Batch, "2026-W50", "rep-1");

        time.Advance(TimeSpan.FromDays(21) - TimeSpan.FromSeconds(1));
        Assert.Equal(TokenCheck.Valid, signer.Verify(token, LinkPurpose.Batch).Check);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TokenCheck.Expired, signer.Verify(token, LinkPurpose.Batch).Check);
    }

    [Fact]
    public void After_rotation_old_tokens_stay_valid_while_their_key_is_listed_and_new_ones_use_the_new_key()
    {
        var time = new FakeTimeProvider(Now);
        var old = Signer(time).Sign(LinkPurpose.Batch, "2026-W50", "rep-1");
        var rotated = Signer(time, current: "k2", withK2: true);

        var fresh = rotated.Sign(LinkPurpose.Batch, "2026-W50", "rep-1");

        Assert.StartsWith("k2.", fresh);
        Assert.Equal(TokenCheck.Valid, rotated.Verify(old, LinkPurpose.Batch).Check);
        Assert.Equal(TokenCheck.Valid, rotated.Verify(fresh, LinkPurpose.Batch).Check);
        Assert.Equal(TokenCheck.Forged, Signer(time, current: "k2", withK1: false, withK2: true).Verify(old, LinkPurpose.Batch).Check);
    }

    [Fact]
    public void A_token_signed_with_another_secret_under_the_same_key_id_is_forged()
    {
        var signer = Signer(new FakeTimeProvider(Now));
        var parts = signer.Sign(LinkPurpose.Qualify, "2026-W50/abc", "rep-1").Split('.');
        var payload = Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes("1|2026-W50/abc|rep-2|4102444800"));

        Assert.Equal(TokenCheck.Forged, signer.Verify($"{parts[0]}.{payload}.{parts[2]}", LinkPurpose.Qualify).Check);
    }

    [Fact]
    public void Tokens_carry_no_personal_data()
    {
        var token = Signer(new FakeTimeProvider(Now)).Sign(LinkPurpose.Qualify, "2026-W50/0193", "rep-1");
        var payload = System.Text.Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.Split('.')[1]));

        Assert.Equal($"1|2026-W50/0193|rep-1|{Now.AddDays(21).ToUnixTimeSeconds()}", payload);
    }
}
