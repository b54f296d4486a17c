namespace LeadHandoff.Team;

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
    bool InPool = false,
    string? ObjectId = null)
{
    /// <summary>On the team, and not away on <paramref name="day"/>.</summary>
    public bool IsAvailable(DateOnly day) => Active && !(AwayFrom is { } from && AwayTo is { } to && day >= from && day <= to);
}
