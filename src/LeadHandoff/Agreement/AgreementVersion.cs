namespace LeadHandoff.Agreement;

/// <summary>
/// One version of the agreement: its terms, the batch week it grades from (<see cref="EffectiveFrom"/>,
/// that week's batch Monday), and who agreed to it. Version 1 is the settings a deployment started
/// with; each later one is an approved proposal.
/// </summary>
public sealed record AgreementVersion(
    int Number,
    DateOnly EffectiveFrom,
    AgreementTerms Terms,
    string ProposedBy,
    string ApprovedBy,
    DateTimeOffset ApprovedAt,
    string Note,
    string? ProposalId);

public enum AgreementSide
{
    Marketing,
    Sales,
}

public enum ProposalState
{
    Open,
    Approved,
    Declined,
    Withdrawn,
}

/// <summary>A change one side asks for; the other side's head approves or declines it.</summary>
public sealed record AgreementProposal(
    string Id,
    AgreementTerms Terms,
    AgreementSide Side,
    string ProposedBy,
    DateTimeOffset ProposedAt,
    string Note,
    ProposalState State,
    string? DecidedBy = null,
    DateTimeOffset? DecidedAt = null,
    int? Version = null)
{
    /// <summary>The other side's heads asked to answer, and what became of each email ("name: Sent").</summary>
    public IReadOnlyList<string> Asked { get; init; } = [];
}

/// <summary>One step in the agreement's history, as the audit keeps it.</summary>
public sealed record AgreementEvent(DateTimeOffset At, string What, string By, string ProposalId, string? UserAgent);
