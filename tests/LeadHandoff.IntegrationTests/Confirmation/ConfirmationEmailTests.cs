using LeadHandoff.Tests.Batches;
using LeadHandoff.Tests.Functions.Intake;
using LeadHandoff.Tests.Infrastructure;

namespace LeadHandoff.Tests.Confirmation;

/// <summary>
/// The person hears back: through SubmitLead on Azurite with the fake SendGrid, a stored lead's
/// person gets one email in the company's name, in the form's language, with what happens next and
/// the way to withdraw; at most one per address per day; none for spam, for an integration's post,
/// or when it is off; and a provider that is down never costs the form its answer.
/// The scenario's clock starts on Wednesday 2 December 2026, 10:00 London.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConfirmationEmailTests(AzuriteFixture azurite)
{
    private BatchScenario Scenario(bool enabled = true) => BatchScenario.Create(azurite.ConnectionString, s =>
    {
        s["Confirmation:Enabled"] = enabled ? "true" : "false";
        s["Brand:CompanyName"] = "Siam Widgets Co., Ltd.";
        s["Brand:SupportEmail"] = "hello@siamwidgets.example";
        s["Brand:PrivacyNoticeUrl"] = "https://siamwidgets.example/privacy";
        s["Email:MaxAttempts"] = "1";
    });

    private static async Task PostAsync(BatchScenario week, string email, string? language = null, bool spam = false)
    {
        var fields = LeadRequests.Valid(email, "Somchai Jaidee");
        if (language is not null) fields["lang"] = language;
        if (spam) fields["lh_trap"] = "http://spam.example";
        Assert.Equal(303, (await week.App.PostAsync(LeadRequests.UrlEncoded(fields))).Status);
    }

    [Fact]
    public async Task A_stored_lead_gets_one_email_in_the_companys_name_saying_what_happens_next_with_the_withdrawal_link()
    {
        await using var week = Scenario();
        await PostAsync(week, "somchai@example.co.th");

        var mail = Assert.Single(week.SendGrid.To("somchai@example.co.th"));
        Assert.Equal("Siam Widgets Co., Ltd.: we have your request", mail.Subject);
        Assert.Contains("Hello Somchai Jaidee,", mail.Text);
        Assert.Contains("Thank you for contacting Siam Widgets Co., Ltd.. We received your request (pricing-guide) on Wednesday 2 December 2026, 10:00.", mail.Text);
        Assert.Contains("Our sales team has your request and will contact you by email or phone.", mail.Text);
        Assert.Contains("erase them at any time: https://leadhandoff.example.net/api/privacy/withdraw", mail.Text);
        Assert.Contains("Questions? Write to hello@siamwidgets.example.", mail.Text);
        Assert.Contains("<html lang=\"en\">", mail.Html);
        Assert.Contains("href=\"https://siamwidgets.example/privacy\"", mail.Html);
    }

    [Fact]
    public async Task A_thai_form_is_answered_in_thai_with_a_buddhist_era_date()
    {
        await using var week = Scenario();
        await PostAsync(week, "somchai@example.co.th", language: "th");

        var mail = Assert.Single(week.SendGrid.To("somchai@example.co.th"));
        Assert.Equal("Siam Widgets Co., Ltd.: เราได้รับคำขอของคุณแล้ว", mail.Subject);
        Assert.Contains("สวัสดีคุณSomchai Jaidee", mail.Text);
        Assert.Contains("เมื่อวันพุธที่ 2 ธันวาคม 2569 เวลา 10:00 น.", mail.Text);
        Assert.Contains("ทีมขายของเราได้รับคำขอของคุณแล้ว", mail.Text);
        Assert.Contains("มีคำถาม? เขียนถึง hello@siamwidgets.example", mail.Text);
        Assert.Contains("<html lang=\"th\">", mail.Html);
        Assert.Contains("/api/privacy/withdraw?lang=th", mail.Text); // the withdrawal pages answer in Thai too
        Assert.DoesNotContain("Hello", mail.Text);
    }

    [Fact]
    public async Task At_most_one_per_address_per_day()
    {
        await using var week = Scenario();
        await PostAsync(week, "again@example.com");
        week.App.Time.Advance(TimeSpan.FromHours(3));
        await PostAsync(week, "again@example.com");
        Assert.Single(week.SendGrid.To("again@example.com"));

        week.App.Time.Advance(TimeSpan.FromDays(1));
        await PostAsync(week, "again@example.com");
        Assert.Equal(2, week.SendGrid.To("again@example.com").Count);
    }

    [Fact]
    public async Task Spam_gets_nothing_and_nothing_is_sent_when_it_is_off()
    {
        await using (var week = Scenario())
        {
            await PostAsync(week, "bot@example.com", spam: true);
            Assert.Empty(week.SendGrid.Requests);
        }
        await using (var off = Scenario(enabled: false))
        {
            await PostAsync(off, "person@example.com");
            Assert.Empty(off.SendGrid.Requests);
            Assert.Single(await off.App.LeadsAsync());
        }
    }

    [Fact]
    public async Task A_server_posting_through_the_integration_path_gets_no_confirmation()
    {
        await using var week = Scenario();
        var request = LeadRequests.Json(LeadRequests.Valid("zapier.person@example.com")) with { Target = "/api/integrations/leads" };
        var response = await week.App.SendAsync(request, http => week.App.Function<LeadHandoff.Functions.Intake.SubmitIntegrationLead>().Run(http, CancellationToken.None));
        Assert.Equal(201, response.Status);
        Assert.Single(await week.App.LeadsAsync());
        Assert.Empty(week.SendGrid.Requests);
    }

    [Fact]
    public async Task The_email_provider_down_costs_the_form_nothing()
    {
        await using var week = Scenario();
        week.SendGrid.Script(new SendGridReply(503));
        await PostAsync(week, "person@example.com");
        Assert.Empty(week.SendGrid.Accepted);
        Assert.Single(await week.App.LeadsAsync());
    }
}
