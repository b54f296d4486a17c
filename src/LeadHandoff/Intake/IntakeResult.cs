namespace LeadHandoff.Intake;

/// <summary>What the intake decided. Spam and quarantine come back as <see cref="Accepted"/> on purpose: bots learn nothing.</summary>
public abstract record IntakeResult
{
    private IntakeResult() { }

    public sealed record Accepted(string LeadId, Uri? Redirect) : IntakeResult;

    public sealed record Invalid(FieldErrors Errors) : IntakeResult;

    public sealed record RateLimited(TimeSpan RetryAfter) : IntakeResult;

    /// <summary>Storage failed: nothing was acknowledged, the caller should try again.</summary>
    public sealed record Unavailable(TimeSpan RetryAfter) : IntakeResult;
}
