namespace LeadHandoff.Batches;

public enum BatchRunOutcome
{
    /// <summary>The due window is before <c>Batch:FirstWindow</c>.</summary>
    NotStarted,
    /// <summary>The due batch was sent before; nothing to do.</summary>
    AlreadySent,
    /// <summary>Another run holds the batch.</summary>
    HeldElsewhere,
    /// <summary>Every message of the batch is settled and the batch is recorded as sent.</summary>
    Sent,
    /// <summary>Some messages were refused for now; the next heartbeat retries them.</summary>
    Incomplete,
}

public sealed record BatchRunResult(BatchRunOutcome Outcome, string WindowId, int Leads = 0, int Messages = 0);
