using LeadHandoff.Leads;
using LeadHandoff.Routing;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Tests.Routing;

public sealed class LeadRouterTests
{
    private static readonly List<OwnerOptions> ThreeOwners =
    [
        new() { Id = "rep-1", Name = "One", Email = "one@example.com" },
        new() { Id = "rep-2", Name = "Two", Email = "two@example.com" },
        new() { Id = "rep-3", Name = "Three", Email = "three@example.com" },
    ];

    private static LeadRouter Router(List<RoutingRuleOptions>? rules = null, List<string>? pool = null) => new(Options.Create(new RoutingOptions
    {
        Owners = ThreeOwners,
        Rules = rules ?? [],
        Pool = pool ?? [],
        SalesInboxEmail = "sales@example.com",
    }));

    private static (string, Segment, string?) Lead(string id, string sector = "Software", string size = "11-50", string? owner = null) => (id, new Segment(sector, size), owner);

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
}
