using System.Globalization;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Email;

/// <summary>The developer's transport: each message becomes an .eml file in a folder, opened with any mail client.</summary>
public sealed class OutboxEmailSender(IOptions<EmailOptions> options, TimeProvider time) : IEmailSender
{
    private readonly EmailOptions _options = options.Value;

    public async Task<SendOutcome> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_options.OutboxPath);
        var now = time.GetUtcNow();
        var name = $"{now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{message.LedgerId}.eml";
        var from = $"{_options.FromName} <{_options.FromAddress}>";
        await File.WriteAllTextAsync(Path.Combine(_options.OutboxPath, name), MimeWriter.Write(message, from, now), cancellationToken);
        return new SendOutcome(SendStatus.Sent, name);
    }
}
