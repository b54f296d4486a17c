using LeadHandoff.Spam;

namespace LeadHandoff.Intake;

/// <summary>
/// The intake's checks that a person, not a machine, sent a form: how often this address posts,
/// how fast the form was filled (its signed stamp), and the human check (Turnstile). A server
/// posting for someone else's form (an integration) is not asked any of them.
/// </summary>
public sealed class SenderChecks(ClientRateLimiter rateLimiter, FormStamps stamps, TurnstileVerifier turnstile)
{
    /// <summary>How long to wait when this client is over its rate limit; null when it may post.</summary>
    public TimeSpan? WaitFor(string? clientIp) => rateLimiter.TryAcquire(clientIp ?? "unknown");

    /// <inheritdoc cref="FormStamps.Suspect"/>
    public string? StampSuspect(string? stamp) => stamps.Suspect(stamp);

    public Task<HumanCheck> HumanAsync(string? token, string? clientIp, CancellationToken cancellationToken) => turnstile.VerifyAsync(token, clientIp, cancellationToken);
}
