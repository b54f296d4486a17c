namespace LeadHandoff.Reviews;

/// <summary>What a review action did. Each says enough for the page to tell the reviewer in words.</summary>
public abstract record ReviewOutcome
{
    private ReviewOutcome() { }

    public sealed record NotFound : ReviewOutcome;

    /// <summary>
    /// The submission is a lead now. <paramref name="JoinedBatch"/>: it waits for its own window's
    /// batch; otherwise it went to <paramref name="OwnerName"/> at once, due by <paramref name="DueBy"/>.
    /// </summary>
    public sealed record Released(string LeadWindowId, string LeadId, bool JoinedBatch, string? OwnerName, DateTimeOffset? DueBy, bool AlreadyDone) : ReviewOutcome;

    public sealed record ConfirmedSpam(bool AlreadyDone) : ReviewOutcome;

    /// <summary>
    /// The action does not apply to the submission as it stands (e.g. releasing confirmed spam);
    /// <paramref name="Why"/> names the page's words for it (<c>RefusedSpam</c>, <c>RefusedReleased</c>).
    /// </summary>
    public sealed record Refused(string Why) : ReviewOutcome;

    /// <summary>The submission cannot become a lead: the fields the form would have refused.</summary>
    public sealed record Invalid(FieldErrors Errors) : ReviewOutcome;
}
