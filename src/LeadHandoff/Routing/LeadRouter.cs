using LeadHandoff.Leads;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Routing;

/// <summary>
/// Gives every lead of a batch an owner: the first matching rule, else the pool member with the
/// fewest leads so far (ties to the earlier one in the pool), else the sales inbox. Deterministic,
/// so a batch resumed after a crash routes the same way.
/// </summary>
public sealed class LeadRouter(IOptions<RoutingOptions> options)
{
    private readonly RoutingOptions _options = options.Value;

    public IReadOnlyList<Owner> Owners =>
    [
        .. _options.Owners.Select(o => new Owner(o.Id, o.Name, o.Email.Trim())),
        .. SalesInbox is { } inbox ? [inbox] : Array.Empty<Owner>(),
    ];

    private Owner? SalesInbox => string.IsNullOrWhiteSpace(_options.SalesInboxEmail)
        ? null
        : new Owner(RoutingOptions.SalesInboxId, "Sales inbox", _options.SalesInboxEmail.Trim());

    public Owner? Find(string ownerId) => Owners.FirstOrDefault(o => o.Id == ownerId);

    /// <summary>Owner id per lead id. Leads that already have an owner keep it and count towards the spread.</summary>
    public IReadOnlyDictionary<string, string> Route(IEnumerable<(string LeadId, Segment Segment, string? CurrentOwner)> leads)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var load = _options.Pool.Distinct().ToDictionary(id => id, _ => 0, StringComparer.Ordinal);
        var ordered = leads.OrderBy(l => l.LeadId, StringComparer.Ordinal).ToList();
        foreach (var lead in ordered.Where(l => l.CurrentOwner is not null))
        {
            result[lead.LeadId] = lead.CurrentOwner!;
            if (load.ContainsKey(lead.CurrentOwner!) && MatchRule(lead.Segment) is null) load[lead.CurrentOwner!]++;
        }
        foreach (var lead in ordered.Where(l => l.CurrentOwner is null))
        {
            var owner = MatchRule(lead.Segment);
            if (owner is null && load.Count > 0)
            {
                owner = load.OrderBy(p => p.Value).ThenBy(p => _options.Pool.IndexOf(p.Key)).First().Key;
                load[owner]++;
            }
            result[lead.LeadId] = owner ?? RoutingOptions.SalesInboxId;
        }
        return result;
    }

    private string? MatchRule(Segment segment) => _options.Rules.FirstOrDefault(r =>
        (string.IsNullOrWhiteSpace(r.Sector) || string.Equals(r.Sector, segment.Sector, StringComparison.OrdinalIgnoreCase)) &&
        (string.IsNullOrWhiteSpace(r.SizeBand) || string.Equals(r.SizeBand, segment.SizeBand, StringComparison.OrdinalIgnoreCase)))?.Owner;
}
