namespace LeadHandoff.Team;

/// <summary>What a person on the team does: reps own leads; the others see and act on the agreement.</summary>
public enum TeamRole { Rep, Manager, Marketing, Admin }

/// <summary>
/// A person on the team, as the roster table holds them. <see cref="Id"/> travels in links, so it
/// stays opaque (rep-07). Away dates are whole days in the business's time zone, both included.
/// </summary>
public sealed record TeamMember(
    string Id,
    string Name,
    string Email,
    TeamRole Role = TeamRole.Rep,
    string Language = "en",
    bool Active = true,
    DateOnly? AwayFrom = null,
    DateOnly? AwayTo = null,
    string? Backup = null,
    int? WeeklyCapacity = null,
    bool InPool = false)
{
    /// <summary>On the team, and not away on <paramref name="day"/>.</summary>
    public bool IsAvailable(DateOnly day) => Active && !(AwayFrom is { } from && AwayTo is { } to && day >= from && day <= to);
}

/// <summary>
/// A routing rule: the first whose every given condition matches a lead wins. A blank condition
/// matches anything; the email domain is the part after '@', compared without case.
/// </summary>
public sealed record RoutingRule(int Order, string Owner, string? Sector = null, string? SizeBand = null, string? Offer = null, string? EmailDomain = null);
