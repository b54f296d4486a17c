using LeadHandoff.Email;
using LeadHandoff.Leads;
using LeadHandoff.Weeks;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Team;

/// <summary>
/// Gives leads an owner from the roster (<see cref="TeamRoster"/>): the first rule that matches,
/// if its owner is available today, else that owner's backup if available; else the available
/// pool member with the fewest leads so far (ties to the earlier id); else the sales inbox.
/// Away and inactive people get no new leads. Deterministic, so a batch resumed after a crash
/// routes the same way.
/// </summary>
public sealed class LeadRouter(TeamRoster roster, SlaCalendar calendar, IOptions<EmailOptions> email, TimeProvider time)
{
    /// <summary>Where leads go when no one else can take them: the sales inbox, or failing a valid one, the sales manager.</summary>
    public Owner SalesInbox => new(RoutingOptions.SalesInboxId, "Sales inbox",
        roster.Current.SalesInboxEmail?.Trim() is { } inbox && EmailAddress.IsValid(inbox.ToLowerInvariant()) ? inbox : email.Value.SalesManagerEmail);

    /// <summary>Everyone on the roster (available or not) and the sales inbox: owners of leads already assigned keep their names.</summary>
    public IReadOnlyList<Owner> Owners => [.. roster.Current.Members.Select(ToOwner), SalesInbox];

    /// <summary>Reads the roster again if it is older than <see cref="TeamRoster.MaxAge"/>: each run calls it first.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken) => roster.RefreshAsync(cancellationToken);

    public IReadOnlyList<Problem> RosterProblems => roster.Current.Problems;

    /// <summary>
    /// The language for an email to these addresses: the one the roster gives everyone of them it
    /// knows; English when it knows none of them or they differ (one email, one language).
    /// </summary>
    public string LanguageOf(IEnumerable<string> addresses)
    {
        var languages = addresses
            .Select(a => roster.Current.Members.FirstOrDefault(m => string.Equals(m.Email.Trim(), a.Trim(), StringComparison.OrdinalIgnoreCase))?.Language)
            .Where(l => l is not null)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return languages.Count == 1 ? languages[0]! : "en";
    }

    public Owner? Find(string ownerId) => ownerId == RoutingOptions.SalesInboxId ? SalesInbox : roster.Current.Member(ownerId) is { } m ? ToOwner(m) : null;

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), calendar.TimeZone).DateTime);

    /// <summary>On the roster, active and not away today (the sales inbox always is).</summary>
    public bool IsAvailable(string ownerId) => ownerId == RoutingOptions.SalesInboxId || roster.Current.Member(ownerId)?.IsAvailable(Today) == true;

    /// <summary>May be given leads today: the sales inbox, or a rep who is available (a manager or marketer owns none).</summary>
    public bool CanOwn(string ownerId) => ownerId == RoutingOptions.SalesInboxId || roster.Current.Member(ownerId) is { Role: TeamRole.Rep } m && m.IsAvailable(Today);

    /// <summary>Who covers for <paramref name="ownerId"/> today: their backup if available, else null.</summary>
    public Owner? Cover(string ownerId) =>
        roster.Current.Member(ownerId)?.Backup is { } backup && IsAvailable(backup) ? Find(backup) : null;

    /// <summary>Owner id per lead id. Leads that already have an owner keep it and count towards the spread.</summary>
    public IReadOnlyDictionary<string, string> Route(IEnumerable<(string LeadId, LeadDetails Details, string? CurrentOwner)> leads)
    {
        var team = roster.Current;
        var today = Today;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var pool = team.Members.Where(m => m.InPool && m.IsAvailable(today)).Select(m => m.Id).Order(StringComparer.Ordinal).ToList();
        var load = pool.ToDictionary(id => id, _ => 0, StringComparer.Ordinal);
        var ordered = leads.OrderBy(l => l.LeadId, StringComparer.Ordinal).ToList();
        foreach (var lead in ordered.Where(l => l.CurrentOwner is not null))
        {
            result[lead.LeadId] = lead.CurrentOwner!;
            if (load.ContainsKey(lead.CurrentOwner!) && MatchRule(team, lead.Details, today) is null) load[lead.CurrentOwner!]++;
        }
        foreach (var lead in ordered.Where(l => l.CurrentOwner is null))
        {
            var owner = MatchRule(team, lead.Details, today);
            if (owner is null && load.Count > 0)
            {
                owner = load.OrderBy(p => p.Value).ThenBy(p => pool.IndexOf(p.Key)).First().Key;
                load[owner]++;
            }
            result[lead.LeadId] = owner ?? RoutingOptions.SalesInboxId;
        }
        return result;
    }

    /// <summary>The first matching rule's owner, or their backup when they are away; null when no rule matches or neither can take it.</summary>
    private static string? MatchRule(Roster team, LeadDetails lead, DateOnly today)
    {
        var domain = lead.Email[(lead.Email.LastIndexOf('@') + 1)..];
        foreach (var rule in team.Rules.OrderBy(r => r.Order))
        {
            if (!Matches(rule.Sector, lead.Segment.Sector) || !Matches(rule.SizeBand, lead.Segment.SizeBand) ||
                !Matches(rule.Offer, lead.Source.Offer) || !Matches(rule.EmailDomain, domain)) continue;
            if (team.Member(rule.Owner) is not { } owner) continue; // a rule naming no one: skipped, and reported
            if (owner.IsAvailable(today)) return owner.Id;
            if (owner.Backup is { } backup && team.Member(backup)?.IsAvailable(today) == true) return backup;
            return null; // the rule's owner and backup are both away: the pool takes it
        }
        return null;
    }

    private static bool Matches(string? condition, string value) => string.IsNullOrWhiteSpace(condition) || string.Equals(condition.Trim(), value, StringComparison.OrdinalIgnoreCase);

    private static Owner ToOwner(TeamMember m) => new(m.Id, m.Name, m.Email.Trim(), m.Language);
}
