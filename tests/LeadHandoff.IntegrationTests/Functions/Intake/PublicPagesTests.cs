using LeadHandoff.Functions.Intake;
using LeadHandoff.Functions.Privacy;
using LeadHandoff.Tests.Infrastructure;

namespace LeadHandoff.Tests.Functions.Intake;

/// <summary>The pages and the email a member of the public sees speak in the company's name, with its contacts, and keep what was typed.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PublicPagesTests(AzuriteFixture azurite)
{
    private TestApp App(Action<Dictionary<string, string?>>? more = null) => TestApp.Create(azurite.ConnectionString, s =>
    {
        s["Brand:CompanyName"] = "Siam Widgets Co., Ltd.";
        s["Brand:SupportEmail"] = "hello@siamwidgets.example";
        s["Brand:PrivacyNoticeUrl"] = "https://siamwidgets.example/privacy";
        s["Brand:AccentColour"] = "#7a1fa2";
        more?.Invoke(s);
    });

    [Fact]
    public async Task The_thank_you_and_error_pages_name_the_company_its_support_and_privacy_notice()
    {
        await using var app = App();
        var thanks = await app.GetAsync("/api/thanks", http => Task.FromResult(app.Function<ThankYouPage>().Run(http)));
        var invalid = LeadRequests.Valid("not-an-address");
        var error = await app.PostAsync(LeadRequests.UrlEncoded(invalid));

        foreach (var page in new[] { thanks, error })
        {
            Assert.Contains("<header><p>Siam Widgets Co., Ltd.</p></header>", page.Body);
            Assert.Contains("mailto:hello@siamwidgets.example", page.Body);
            Assert.Contains("href=\"https://siamwidgets.example/privacy\"", page.Body);
            Assert.Contains("--accent:#7a1fa2", page.Body);
            Assert.Equal("no-store", page.Header("Cache-Control"));
            Assert.NotNull(page.Header("Content-Security-Policy"));
        }
        Assert.Contains("Siam Widgets Co., Ltd. has your details", thanks.Body);
        Assert.Equal(400, error.Status);
        Assert.Contains("Email must be a valid email address.", error.Body);
    }

    [Fact]
    public async Task A_colour_or_logo_that_is_not_valid_falls_back_and_never_stops_the_app()
    {
        await using var app = App(s => { s["Brand:AccentColour"] = "red;}body{display:none"; s["Brand:LogoUrl"] = "javascript:alert(1)"; });
        var thanks = await app.GetAsync("/api/thanks", http => Task.FromResult(app.Function<ThankYouPage>().Run(http)));

        Assert.Contains("--accent:#0b5cad", thanks.Body);
        Assert.DoesNotContain("body{display:none", thanks.Body);
        Assert.DoesNotContain("javascript:", thanks.Body);
    }

    [Fact]
    public async Task The_withdrawal_form_keeps_what_was_typed_and_a_used_link_speaks_to_the_public()
    {
        await using var app = App();
        var withdraw = app.Function<WithdrawConsent>();

        var refused = await app.SendAsync(LeadRequests.UrlEncoded(new Dictionary<string, string> { ["email"] = "somchai@@example" }) with { Target = "/api/privacy/withdraw" }, http => withdraw.Run(http, CancellationToken.None));
        var used = await app.GetAsync("/api/privacy/withdraw?t=k1.AAAA.BBBB", http => app.Function<WithdrawConsent>().Run(http, CancellationToken.None));

        Assert.Equal(400, refused.Status);
        Assert.Contains("value=\"somchai@@example\"", refused.Body);
        Assert.Contains("Siam Widgets Co., Ltd.'s forms", System.Net.WebUtility.HtmlDecode(refused.Body));
        Assert.Equal(403, used.Status);
        Assert.Contains("ask for a new link", used.Body);
        Assert.DoesNotContain("sales manager", used.Body);
        Assert.Contains("<header><p>Siam Widgets Co., Ltd.</p></header>", used.Body);
    }

    [Fact]
    public void The_confirmation_email_is_in_the_companys_name_with_its_contacts()
    {
        var brand = new LeadHandoff.Branding.BrandOptions { CompanyName = "Siam Widgets Co., Ltd.", SupportEmail = "hello@siamwidgets.example", PrivacyNoticeUrl = "https://siamwidgets.example/privacy" };

        var mail = LeadHandoff.Privacy.WithdrawalService.ConfirmationEmail("r1", "somchai@example.co.th", "https://app.example/api/privacy/withdraw?t=x", brand);

        Assert.Equal("Siam Widgets Co., Ltd.: confirm you want your details erased", mail.Subject);
        Assert.Contains("asked Siam Widgets Co., Ltd. to stop using your details", mail.Text);
        Assert.Contains("Questions? Write to hello@siamwidgets.example.", mail.Text);
        Assert.Contains("How Siam Widgets Co., Ltd. uses your details: https://siamwidgets.example/privacy", mail.Text);
    }
}
