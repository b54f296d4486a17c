
namespace LeadHandoff.Team;

/// <summary>
/// The team and its routing rules at one moment, with what is wrong in them. Problems never stop
/// anything: a rule naming someone not on the team is skipped, and the batch summary says so.
/// </summary>
public sealed record Roster(IReadOnlyList<TeamMember> Members, IReadOnlyList<RoutingRule> Rules, string? SalesInboxEmail, string Source)
{
    /// <summary>Computed on each read (the roster is tens of rows): a copy made with <c>with</c> is checked afresh.</summary>
    public IReadOnlyList<Problem> Problems => Check(Members, Rules, SalesInboxEmail);

    public TeamMember? Member(string id) => Members.FirstOrDefault(m => m.Id == id);

    public IEnumerable<TeamMember> Reps => Members.Where(m => m.Role == TeamRole.Rep);

    private static List<Problem> Check(IReadOnlyList<TeamMember> members, IReadOnlyList<RoutingRule> rules, string? inbox)
    {
        var problems = new List<Problem>();
        var ids = members.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var rule in rules.Where(r => !ids.Contains(r.Owner)))
            problems.Add(new("RosterRuleOwner", rule.Order, rule.Owner));
        foreach (var member in members.Where(m => m.Backup is { Length: > 0 } b && !ids.Contains(b)))
            problems.Add(new("RosterBackup", member.Name, member.Backup!));
        if (!members.Any(m => m.InPool && m.Active) && !EmailAddress.IsValid(inbox?.Trim().ToLowerInvariant() ?? ""))
            problems.Add(new("RosterNoPool"));
        return problems;
    }

    /// <summary>
    /// Checks one change before it is saved, naming each bad field as the admin page calls it.
    /// Returns no errors when the member can be saved.
    /// </summary>
    public static FieldErrors ValidateMember(TeamMember member, IReadOnlyList<TeamMember> others)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(member.Id) || member.Id.Length > 40 || !member.Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') || member.Id == RoutingOptions.SalesInboxId)
            errors.Add("id", "MemberId");
        if (string.IsNullOrWhiteSpace(member.Name) || member.Name.Length > 200)
            errors.Add("name", "MemberName");
        if (!EmailAddress.IsValid(member.Email.Trim().ToLowerInvariant()))
            errors.Add("email", "MemberEmail");
        if (member.Language is not ("en" or "th"))
            errors.Add("language", "MemberLanguage");
        if (member.AwayFrom is null != member.AwayTo is null || member.AwayFrom > member.AwayTo)
            errors.Add("awayTo", "AwayRange");
        if (member.Backup is { Length: > 0 } backup && (backup == member.Id || others.All(o => o.Id != backup)))
            errors.Add("backup", "BackupElsewhere", backup);
        if (member.WeeklyCapacity is < 0 or > 10_000)
            errors.Add("weeklyCapacity", "CapacityRange");
        if (member.ObjectId is { Length: > 0 } objectId)
        {
            if (!Guid.TryParse(objectId, out var id)) errors.Add("objectId", "ObjectIdFormat");
            else if (others.Any(o => Guid.TryParse(o.ObjectId, out var other) && other == id)) errors.Add("objectId", "ObjectIdTaken");
        }
        return errors;
    }

    public static FieldErrors ValidateRule(RoutingRule rule, IReadOnlyList<TeamMember> members)
    {
        var errors = new FieldErrors();
        if (rule.Order is < 1 or > 9999) errors.Add("order", "RuleOrder");
        if (members.All(m => m.Id != rule.Owner)) errors.Add("owner", "RuleOwner", rule.Owner);
        if (new[] { rule.Sector, rule.SizeBand, rule.Offer, rule.EmailDomain }.All(string.IsNullOrWhiteSpace))
            errors.Add("sector", "RuleCondition");
        return errors;
    }

    /// <summary>The roster the settings describe: what the table is seeded with, and what runs before the first read.</summary>
    public static Roster FromSettings(RoutingOptions options)
    {
        var members = options.Owners
            .Where(o => !string.IsNullOrWhiteSpace(o.Id))
            .GroupBy(o => o.Id).Select(g => g.First())
            .Select(o => new TeamMember(o.Id.Trim(), o.Name.Trim(), o.Email.Trim(), Language: LocalizedText.IsThai(o.Language) ? "th" : "en", InPool: options.Pool.Contains(o.Id)))
            .ToList();
        var rules = options.Rules.Select((r, i) => new RoutingRule(i + 1, r.Owner, NullIfBlank(r.Sector), NullIfBlank(r.SizeBand))).ToList();
        return new Roster(members, rules, options.SalesInboxEmail, "settings");
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
