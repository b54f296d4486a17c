namespace LeadHandoff.Tests.Architecture;

/// <summary>The cycle finder itself, on graphs small enough to check by eye: the architecture test is only as good as this.</summary>
public sealed class FolderGraphTests
{
    [Fact]
    public void A_cycle_added_on_purpose_is_found_with_the_path_that_closes_it()
    {
        var graph = new FolderGraph();
        graph.Add("Batches", "Leads");
        graph.Add("Leads", "Tables");
        graph.Add("Tables", "Common");
        graph.Add("Tables", "Batches"); // the cycle on purpose: the floor reaching up into a feature

        var cycle = Assert.Single(graph.Cycles());
        Assert.Equal(["Batches", "Leads", "Tables"], cycle);
        Assert.Equal(["Batches", "Leads", "Tables", "Batches"], graph.PathAround(cycle));
    }

    [Fact]
    public void A_layered_graph_has_no_cycle()
    {
        var graph = new FolderGraph();
        graph.Add("Batches", "Leads");
        graph.Add("Batches", "Email");
        graph.Add("Email", "Common");
        graph.Add("Leads", "Common");
        graph.Add("Common", "Common"); // a folder using itself is not a cycle between folders

        Assert.Empty(graph.Cycles());
    }

    [Fact]
    public void Two_separate_cycles_are_reported_separately()
    {
        var graph = new FolderGraph();
        graph.Add("A", "B");
        graph.Add("B", "A");
        graph.Add("C", "D");
        graph.Add("D", "E");
        graph.Add("E", "C");
        graph.Add("A", "C");

        Assert.Equal([["A", "B"], ["C", "D", "E"]], graph.Cycles().OrderBy(c => c[0]).Select(c => c.ToArray()).ToArray());
    }

    [Theory]
    [InlineData("LeadHandoff.Batches", "LeadHandoff", "Batches")]
    [InlineData("LeadHandoff.Email.Templates", "LeadHandoff", "Email")]
    [InlineData("LeadHandoff", "LeadHandoff", "(root)")]
    [InlineData("LeadHandoff.Functions.Staff", "LeadHandoff.Functions", "Staff")]
    [InlineData("LeadHandoffish.Batches", "LeadHandoff", null)]
    [InlineData("Microsoft.CodeAnalysis", "LeadHandoff", null)]
    [InlineData(null, "LeadHandoff", null)]
    public void A_namespace_belongs_to_its_first_segment_under_the_root(string? ns, string root, string? folder) =>
        Assert.Equal(folder, FolderGraph.FolderOf(ns, root));
}
