using Microsoft.Extensions.Logging;

namespace LeadHandoff.Team;

/// <summary>
/// The admin's changes to the roster and the rules: each checked against the roster as it is
/// (<see cref="Roster.ValidateMember"/>, <see cref="Roster.ValidateRule"/>), saved, and used at once.
/// Nobody is deleted: a person who leaves is made inactive, so the leads and decisions they hold
/// keep their name.
/// </summary>
public sealed partial class TeamAdminService(RosterStore store, TeamRoster roster, ILogger<TeamAdminService> logger)
{
    public async Task<Roster> CurrentAsync(CancellationToken cancellationToken) => await roster.RefreshAsync(cancellationToken, force: true);

    public async Task<FieldErrors> SaveMemberAsync(TeamMember member, CancellationToken cancellationToken)
    {
        var current = await CurrentAsync(cancellationToken);
        // A change that leaves the object id blank keeps the one recorded: sign-in is not lost by editing a name.
        if (member.ObjectId is null && current.Member(member.Id)?.ObjectId is { } recorded) member = member with { ObjectId = recorded };
        var errors = Roster.ValidateMember(member, current.Members.Where(m => m.Id != member.Id).ToList());
        if (errors.Count > 0) return errors;
        await store.SaveMemberAsync(member, cancellationToken);
        roster.Use(current with { Members = [.. current.Members.Where(m => m.Id != member.Id), member] });
        LogSaved(logger, "member", member.Id);
        return errors;
    }

    public async Task<FieldErrors> SaveRuleAsync(RoutingRule rule, CancellationToken cancellationToken)
    {
        var current = await CurrentAsync(cancellationToken);
        var errors = Roster.ValidateRule(rule, current.Members);
        if (errors.Count > 0) return errors;
        await store.SaveRuleAsync(rule, cancellationToken);
        roster.Use(current with { Rules = [.. current.Rules.Where(r => r.Order != rule.Order), rule] });
        LogSaved(logger, "rule", rule.Order.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return errors;
    }

    public async Task RemoveRuleAsync(int order, CancellationToken cancellationToken)
    {
        var current = await CurrentAsync(cancellationToken);
        await store.RemoveRuleAsync(order, cancellationToken);
        roster.Use(current with { Rules = [.. current.Rules.Where(r => r.Order != order)] });
        LogSaved(logger, "rule removed", order.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Team {What} {Id} saved from the team page")]
    private static partial void LogSaved(ILogger logger, string what, string id);
}
