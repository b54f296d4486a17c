using System.Text;
using LeadHandoff.Email;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LeadHandoff.Tests.Email;

public sealed class OutboxEmailSenderTests
{
    [Fact]
    public async Task Each_message_becomes_an_eml_file_with_text_html_and_attachment()
    {
        var folder = Path.Combine(Path.GetTempPath(), "outbox-test-" + Guid.NewGuid().ToString("N"));
        var sender = new OutboxEmailSender(Options.Create(new EmailOptions { OutboxPath = folder, FromAddress = "leads@example.com" }), new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero)));
        var message = new EmailMessage("2026-W50.owner-rep-1", ["rita@example.com"], ["boss@example.com"], "Leads\r\nBcc: evil@example.com", "<p>Hi</p>", "Hi", [new EmailAttachment("leads.csv", "text/csv", Encoding.UTF8.GetBytes("a,b\r\n"))]);

        var outcome = await sender.SendAsync(message, CancellationToken.None);

        Assert.Equal(new SendOutcome(SendStatus.Sent, "20261207-090000-2026-W50.owner-rep-1.eml"), outcome);
        var eml = await File.ReadAllTextAsync(Path.Combine(folder, outcome.ProviderMessageId!));
        Assert.Contains("To: rita@example.com\r\n", eml);
        Assert.Contains("Cc: boss@example.com\r\n", eml);
        Assert.Contains($"Subject: =?utf-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes("Leads Bcc: evil@example.com"))}?=\r\n", eml);
        Assert.DoesNotContain("\nBcc:", eml);
        Assert.Contains("Content-Type: text/plain; charset=utf-8", eml);
        Assert.Contains($"{Convert.ToBase64String(Encoding.UTF8.GetBytes("<p>Hi</p>"))}\r\n", eml);
        Assert.Contains("Content-Disposition: attachment; filename=\"leads.csv\"", eml);
        Directory.Delete(folder, recursive: true);
    }
}
