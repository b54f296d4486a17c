using LeadHandoff.Configuration;

namespace LeadHandoff.Team;

/// <summary>A salesperson leads can be routed to. <see cref="Id"/> travels in links, so keep it opaque (e.g. rep-07).</summary>
public sealed class OwnerOptions
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";

    /// <summary>en or th: the language of their emails and pages. Anything but th is English.</summary>
    public string Language { get; set; } = "en";
}

/// <summary>First match wins; a blank sector or size band matches any.</summary>
public sealed class RoutingRuleOptions
{
    public string? Sector { get; set; }
    public string? SizeBand { get; set; }
    public string Owner { get; set; } = "";
}

/// <summary>
/// The team as the settings give it: what the roster table is seeded with on first start (see
/// <see cref="Team.TeamRoster"/>); after that the table is the truth. Nothing here stops the app: a
/// rule naming someone not on the team is skipped and reported in the batch summary, so a typo
/// never takes the public intake down.
/// </summary>
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

    public IEnumerable<string> Validate() => [];
}
