using LeadHandoff.Email;
using LeadHandoff.Leads;
using LeadHandoff.Tables;
using LeadHandoff.Team;
using LeadHandoff.Weeks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LeadHandoff.Tests.Team;

public sealed class LeadRouterTests
{
    private static readonly List<OwnerOptions> ThreeOwners =
    [
        new() { Id = "rep-1", Name = "One", Email = "one@example.com" },
        new() { Id = "rep-2", Name = "Two", Email = "two@example.com" },
        new() { Id = "rep-3", Name = "Three", Email = "three@example.com" },
    ];

    /// <summary>A router over the roster the settings describe, as it runs before the roster table is first read (no storage is touched).</summary>
    private static LeadRouter Router(List<RoutingRuleOptions>? rules = null, List<string>? pool = null, List<OwnerOptions>? owners = null) =>
        Router(new RoutingOptions { Owners = owners ?? ThreeOwners, Rules = rules ?? [], Pool = pool ?? [], SalesInboxEmail = "sales@example.com" });

    private static LeadRouter Router(RoutingOptions routing, Roster? roster = null)
    {
        var tables = new LeadTables(Options.Create(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" }), []);
        var team = new TeamRoster(new RosterStore(tables), Options.Create(routing), Clock, NullLogger<TeamRoster>.Instance);
        if (roster is not null) team.Use(roster);
        return new LeadRouter(team, new SlaCalendar(Options.Create(new SlaOptions())), Options.Create(new EmailOptions { SalesManagerEmail = "manager@example.com" }), Clock);
    }

    /// <summary>Wednesday 2 December 2026, 10:00 London.</summary>
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));

    private static (string, LeadDetails, string?) Lead(string id, string sector = "Software", string size = "11-50", string? owner = null, string email = "person@example.com", string offer = "pricing-guide") =>
        (id, new LeadDetails("P", email, "C", "T", null, "", new Segment(sector, size), new MarketingSource(offer), new Consent(true, "v1")), owner);

    [Fact]
    public void The_first_matching_rule_wins_and_blank_fields_match_anything()
    {
        var router = Router(
        [
            new() { Sector = "Software", SizeBand = "1001+", Owner = "rep-1" },
            new() { Sector = "software", Owner = "rep-2" },
            new() { SizeBand = "1-10", Owner = "rep-3" },
        ]);

        var routes = router.Route([Lead("a", "Software", "1001+"), Lead("b", "Software", "1-10"), Lead("c", "Retail", "1-10"), Lead("d", "Retail", "11-50")]);

        Assert.Equal(new Dictionary<string, string> { ["a"] = "rep-1", ["b"] = "rep-2", ["c"] = "rep-3", ["d"] = RoutingOptions.SalesInboxId }, routes);
    }

    [Fact]
    public void Unmatched_leads_are_spread_evenly_by_count_across_the_pool()
    {
        var router = Router([new() { Sector = "Manufacturing", Owner = "rep-3" }], ["rep-1", "rep-2"]);

        var routes = router.Route(Enumerable.Range(0, 7).Select(i => Lead($"l{i}")).Append(Lead("m", "Manufacturing")));

        Assert.Equal("rep-3", routes["m"]);
        Assert.Equal(4, routes.Count(r => r.Value == "rep-1"));
        Assert.Equal(3, routes.Count(r => r.Value == "rep-2"));
    }

    [Fact]
    public void Leads_already_assigned_keep_their_owner_and_count_towards_the_spread()
    {
        var router = Router(pool: ["rep-1", "rep-2"]);

        var routes = router.Route([Lead("a", owner: "rep-1"), Lead("b", owner: "rep-1"), Lead("c"), Lead("d")]);

        Assert.Equal(new Dictionary<string, string> { ["a"] = "rep-1", ["b"] = "rep-1", ["c"] = "rep-2", ["d"] = "rep-2" }, routes);
    }

    [Fact]
    public void With_no_rules_and_no_pool_everything_goes_to_the_sales_inbox()
    {
        var routes = Router().Route([Lead("a"), Lead("b", "Retail", "1-10")]);

        Assert.All(routes.Values, owner => Assert.Equal(RoutingOptions.SalesInboxId, owner));
        Assert.Equal("sales@example.com", Router().Find(RoutingOptions.SalesInboxId)!.Email);
    }

    [Fact]
    public void Routing_is_the_same_whatever_order_the_leads_arrive_in()
    {
        var router = Router(pool: ["rep-1", "rep-2", "rep-3"]);
        var leads = Enumerable.Range(0, 10).Select(i => Lead($"lead-{i:00}")).ToList();

        Assert.Equal(router.Route(leads), router.Route(Enumerable.Reverse(leads)));
    }

    private static Roster Team(IReadOnlyList<TeamMember> members, IReadOnlyList<RoutingRule>? rules = null) => new(members, rules ?? [], "sales@example.com", "table");

    [Fact]
    public void Rules_can_match_on_offer_and_email_domain_too()
    {
        var router = Router(new RoutingOptions(), Team(
            [new("rep-1", "One", "one@example.com"), new("rep-2", "Two", "two@example.com")],
            [new(1, "rep-1", Offer: "demo-request"), new(2, "rep-2", EmailDomain: "bigcorp.example")]));

        var routes = router.Route([Lead("a", offer: "demo-request"), Lead("b", email: "cto@BigCorp.example"), Lead("c")]);

        Assert.Equal(new Dictionary<string, string> { ["a"] = "rep-1", ["b"] = "rep-2", ["c"] = RoutingOptions.SalesInboxId }, routes);
    }

    [Fact]
    public void An_away_rep_gets_no_new_leads_their_backup_takes_their_rule_and_the_pool_skips_them()
    {
        var today = new DateOnly(2026, 12, 2);
        var router = Router(new RoutingOptions(), Team(
        [
            new("rep-1", "One", "one@example.com", AwayFrom: today, AwayTo: today.AddDays(4), Backup: "rep-2", InPool: true),
            new("rep-2", "Two", "two@example.com", InPool: true),
            new("rep-3", "Three", "three@example.com", Active: false, InPool: true),
        ], [new(1, "rep-1", Sector: "Manufacturing")]));

        var routes = router.Route([Lead("m", "Manufacturing"), Lead("a"), Lead("b"), Lead("c")]);

        Assert.Equal("rep-2", routes["m"]); // the backup takes the away owner's rule
        Assert.All(routes.Values, owner => Assert.Equal("rep-2", owner)); // the pool skips the away and the inactive
        Assert.False(router.IsAvailable("rep-1"));
        Assert.Equal("rep-2", router.Cover("rep-1")!.Id);
        Assert.Equal("One", router.Find("rep-1")!.Name); // still known by name for the leads they hold
    }

    [Fact]
    public void A_rule_naming_someone_not_on_the_team_is_skipped_and_reported_not_fatal()
    {
        var routing = new RoutingOptions { Owners = ThreeOwners, Rules = [new() { Sector = "Software", Owner = "rep-9" }], Pool = ["rep-1"] };
        Assert.Empty(routing.Validate());

        var router = Router(routing);

        Assert.Equal("rep-1", router.Route([Lead("a")])["a"]);
        Assert.Contains("Routing rule 1 names 'rep-9', who is not on the team: it is skipped.", router.RosterProblems.Select(ValidationText.English.Describe));
    }

    [Fact]
    public void With_no_valid_sales_inbox_and_no_pool_leads_reach_the_sales_manager()
    {
        var router = Router(new RoutingOptions { Owners = ThreeOwners, SalesInboxEmail = "not an address" });
        Assert.Equal(RoutingOptions.SalesInboxId, router.Route([Lead("a")])["a"]);
        Assert.Equal("manager@example.com", router.Find(RoutingOptions.SalesInboxId)!.Email);
        Assert.Contains(router.RosterProblems.Select(ValidationText.English.Describe), p => p.Contains("unmatched leads go to the sales manager", StringComparison.Ordinal));
    }

    [Fact]
    public void A_member_change_is_checked_field_by_field()
    {
        var others = new List<TeamMember> { new("rep-1", "One", "one@example.com") };
        var errors = Roster.ValidateMember(new TeamMember("bad id", "", "nope", Language: "fr", AwayFrom: new DateOnly(2026, 12, 9), AwayTo: new DateOnly(2026, 12, 1), Backup: "rep-9"), others).ToDictionary();
        Assert.Equal(["awayTo", "backup", "email", "id", "language", "name"], errors.Keys.Order());
        Assert.Empty(Roster.ValidateMember(new TeamMember("rep-2", "Two", "two@example.com", Backup: "rep-1"), others).ToDictionary());
        Assert.Equal(["owner", "sector"], Roster.ValidateRule(new RoutingRule(1, "rep-9"), others).ToDictionary().Keys.Order());
    }
}
