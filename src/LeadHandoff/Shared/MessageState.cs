namespace LeadHandoff.Shared;

/// <summary>
/// Where one ledgered email stands. Claimed and Handing are the two in-flight states that a crashed
/// run can leave behind, and they differ on purpose: a Claimed email never reached the provider and
/// is simply sent; a Handing one may have, so it is sent again once, marked as a possible repeat.
/// </summary>
public enum MessageState
{
    /// <summary>A run holds the row and may compose; nothing has gone to the provider.</summary>
    Claimed,
    /// <summary>Handed to the provider; the outcome is not recorded (yet, or ever, if the run died).</summary>
    Handing,
    /// <summary>The provider accepted it.</summary>
    Sent,
    /// <summary>Refused for now (429, 5xx): a later run tries again.</summary>
    Deferred,
    /// <summary>It may or may not have gone (timeout, connection lost mid-request, a run that died while handing).</summary>
    Unknown,
    /// <summary>Refused for good, and the fallback could not take it either.</summary>
    Failed,
    /// <summary>Refused for good; the sales inbox and the manager got it instead, with the reason.</summary>
    Rerouted,
    /// <summary>Nothing to say (e.g. no undecided leads left for a reminder).</summary>
    Skipped,
}

public static class MessageStates
{
    /// <summary>Delivered to a person: the intended one, or the fallback.</summary>
    public static bool IsDelivered(this MessageState state) => state is MessageState.Sent or MessageState.Rerouted or MessageState.Skipped;
}
