namespace LeadHandoff.Email;

public enum SendStatus
{
    /// <summary>The provider accepted the message.</summary>
    Sent,
    /// <summary>Refused for good (e.g. 400, 401): sending again would fail the same way.</summary>
    Failed,
    /// <summary>Refused for now (429 or 5xx after every retry): a later run may try again.</summary>
    Deferred,
    /// <summary>It may or may not have gone (timeout, connection lost mid-request): never resent automatically.</summary>
    Unknown,
}

public sealed record SendOutcome(SendStatus Status, string? ProviderMessageId = null, string? Detail = null);

/// <summary>An email transport: SendGrid in Azure, the local outbox folder on a developer's machine.</summary>
public interface IEmailSender
{
    Task<SendOutcome> SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
