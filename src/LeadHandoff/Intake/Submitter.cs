namespace LeadHandoff.Intake;

/// <summary>
/// Who sent a submission. A browser form is anonymous, so the rate limit, the honeypot and the human
/// check stand guard. A server-to-server integration has already shown its own function key, so
/// none of those apply: they exist to tell people from bots, and an integration is neither.
/// </summary>
/// <param name="Origin">The origin of the form's page (scheme, host, port), kept with a flagged submission for review.</param>
public sealed record Submitter(string? ClientIp, string? Origin, bool IsIntegration = false)
{
    public static Submitter Browser(string? clientIp, string? origin) => new(clientIp, origin);

    public static Submitter Integration() => new(null, null, IsIntegration: true);
}
