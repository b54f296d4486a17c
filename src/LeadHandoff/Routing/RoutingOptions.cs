using LeadHandoff.Configuration;

namespace LeadHandoff.Routing;

/// <summary>A salesperson leads can be routed to. <see cref="Id"/> travels in links, so keep it opaque (e.g. rep-07).</summary>
public sealed class OwnerOptions
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
}

/// <summary>First match wins; a blank sector or size band matches any.</summary>
public sealed class RoutingRuleOptions
{
    public string? Sector { get; set; }
    public string? SizeBand { get; set; }
    public string Owner { get; set; } = "";
}

/// <summary>Who gets which leads at batch time.</summary>
public sealed class RoutingOptions : ISettings
{
    public const string SectionName = "Routing";

    /// <summary>The id of the shared sales inbox, the owner of last resort.</summary>
    public const string SalesInboxId = "sales-inbox";

    public List<OwnerOptions> Owners { get; set; } = [];

    public List<RoutingRuleOptions> Rules { get; set; } = [];

    /// <summary>Owner ids that share, evenly by count, the leads no rule matches.</summary>
    public List<string> Pool { get; set; } = [];

    /// <summary>Where leads go when there are no rules and no pool.</summary>
    public string? SalesInboxEmail { get; set; }

    public IEnumerable<string> Validate()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Owners.Count; i++)
        {
            var owner = Owners[i];
            if (string.IsNullOrWhiteSpace(owner.Id) || !owner.Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') || owner.Id.Length > 40)
                yield return $"{SectionName}:Owners:{i}:Id must be 1 to 40 letters, digits, '-' or '_'.";
            else if (owner.Id == SalesInboxId || !ids.Add(owner.Id))
                yield return $"{SectionName}:Owners:{i}:Id '{owner.Id}' is used twice or is reserved.";
            if (!EmailAddress.IsValid(owner.Email.Trim().ToLowerInvariant()))
                yield return $"{SectionName}:Owners:{i}:Email must be an email address.";
        }
        for (var i = 0; i < Rules.Count; i++)
        {
            if (!ids.Contains(Rules[i].Owner))
                yield return $"{SectionName}:Rules:{i}:Owner '{Rules[i].Owner}' is not one of {SectionName}:Owners.";
        }
        for (var i = 0; i < Pool.Count; i++)
        {
            if (!ids.Contains(Pool[i]))
                yield return $"{SectionName}:Pool:{i} '{Pool[i]}' is not one of {SectionName}:Owners.";
        }
        if (Pool.Count == 0 && !EmailAddress.IsValid(SalesInboxEmail?.Trim().ToLowerInvariant() ?? ""))
            yield return $"{SectionName}:SalesInboxEmail must be an email address when {SectionName}:Pool is empty: unmatched leads go there.";
    }
}
