using LeadHandoff.Weeks;

namespace LeadHandoff.Batches;

/// <summary>What a batch delivered, for the summary email: counts only, no personal data.</summary>
public sealed record BatchSummary(
    BatchWindow Window,
    int Target,
    int Delivered,
    IReadOnlyDictionary<(string Sector, string SizeBand), int> BySegment,
    IReadOnlyList<(string OwnerName, int Leads)> ByOwner,
    int Spam,
    int Quarantined)
{
    /// <summary>Flagged submissions of the window by reason (e.g. honeypot-missing, turnstile-unavailable).</summary>
    public IReadOnlyDictionary<string, int> FlaggedByReason { get; init; } = new Dictionary<string, int>();

    /// <summary>Flagged submissions nobody has released or confirmed as spam yet.</summary>
    public int AwaitingReview { get; init; }

    /// <summary>Flagged submissions marketing released from review before the batch: they are in it as leads.</summary>
    public int ReleasedFromReview { get; init; }

    /// <summary>The week's review queue page (it opens with marketing's review key).</summary>
    public string? ReviewUrl { get; init; }

    /// <summary>Leads whose person asked to be erased before the batch went out.</summary>
    public int ErasedBeforeDelivery { get; init; }

    /// <summary>Sent after a missed run, later than the agreement's batch time.</summary>
    public bool SentLate { get; init; }

    /// <summary>Owners whose email could not be delivered, with what happened.</summary>
    public IReadOnlyList<string> Undelivered { get; init; } = [];

    /// <summary>Owners whose email was refused and went to the sales inbox and the manager instead.</summary>
    public IReadOnlyList<string> Rerouted { get; init; } = [];

    /// <summary>What is wrong in the team's roster or rules (a rule naming someone not on the team…): it routed around them.</summary>
    public IReadOnlyList<Problem> RosterProblems { get; init; } = [];

    /// <summary>Leads outside the agreement's lead definition: delivered to sales, not counted towards the target.</summary>
    public int OutOfDefinition { get; init; }

    /// <summary>The leads that count towards the target.</summary>
    public int Counted => Delivered - OutOfDefinition;

    /// <summary>The weekly meeting's agenda; none when the summary is composed without the agreement (tests of the layout).</summary>
    public MeetingAgenda? Agenda { get; init; }

    /// <summary>The promise, measured and said plainly.</summary>
    public string TargetStatement => StatementIn(Email.StaffEmailText.English);

    /// <summary>The promise measured, in the reader's words.</summary>
    public string StatementIn(Email.StaffEmailText t) => Counted switch
    {
        _ when Target == 0 => t["TargetNone", Counted],
        0 => t["TargetZero", Target],
        _ when Counted < Target => t["TargetMissed", Counted, Target, Target - Counted, Counted * 100 / Target],
        _ when Counted == Target => t["TargetMet", Counted, Target],
        _ => t["TargetOver", Counted, Target, Counted - Target],
    };
}
