using ArchUnitNET.Loader;
using Azure.Data.Tables;
using Xunit.Abstractions;
using Assembly = System.Reflection.Assembly;

namespace LeadHandoff.Tests.Architecture;

/// <summary>
/// The floor plan, held by the compiled types rather than by `using` lines (a global using hides
/// those): the top-level folders of each src project form no cycle, and table rows stay inside the library.
/// </summary>
public sealed class ArchitectureTests(ITestOutputHelper output)
{
    private static readonly Assembly Domain = typeof(LeadHandoff.Leads.Lead).Assembly;
    private static readonly Assembly Functions = Assembly.Load("LeadHandoff.Functions");

    private static readonly Lazy<ArchUnitNET.Domain.Architecture> Model =
        new(() => new ArchLoader().LoadAssemblies(Domain, Functions).Build());

    [Fact]
    public void The_domain_librarys_folders_form_no_cycle() => AssertNoCycle(Domain, "LeadHandoff");

    [Fact]
    public void The_function_apps_folders_form_no_cycle() => AssertNoCycle(Functions, "LeadHandoff.Functions");

    [Fact]
    public void A_cycle_added_on_purpose_to_the_real_graph_is_caught()
    {
        var graph = GraphOf(Domain, "LeadHandoff");
        Assert.Empty(graph.Cycles());

        // The floor reaching up into a feature, as a store that composed the batch's email would:
        // the batch already reaches the tables (through the leads' store), so this closes a loop.
        graph.Add("Tables", "Batches");

        var cycle = Assert.Single(graph.Cycles());
        Assert.Contains("Tables", cycle);
        Assert.Contains("Batches", cycle);
        var path = graph.PathAround(cycle);
        Assert.Equal(path[0], path[^1]);
        Assert.All(path.Zip(path.Skip(1)), step => Assert.Contains(step.Second, graph.UsesOf(step.First)));
    }

    [Fact]
    public void No_table_row_type_is_public()
    {
        var publicRows = new[] { Domain, Functions }
            .SelectMany(a => a.GetTypes())
            .Where(t => typeof(ITableEntity).IsAssignableFrom(t) && (t.IsPublic || t.IsNestedPublic))
            .Select(t => t.FullName)
            .ToList();
        Assert.True(publicRows.Count == 0, $"Table rows belong to their store (internal): {string.Join(", ", publicRows)}");
    }

    /// <summary>The graph each project's folders make, from every type-to-type dependency the compiled code holds.</summary>
    internal static FolderGraph GraphOf(Assembly assembly, string root)
    {
        var graph = new FolderGraph();
        var name = assembly.GetName().Name;
        foreach (var type in Model.Value.Types.Where(t => t.Assembly.Name.StartsWith(name + ",", StringComparison.Ordinal) || t.Assembly.Name == name))
        {
            var from = FolderGraph.FolderOf(type.Namespace.FullName, root);
            if (from is null) continue;
            graph.Add(from);
            foreach (var dependency in type.Dependencies)
            {
                // Generic parameters and some compiler-made targets have no assembly: they are nobody's folder.
                var target = dependency.Target;
                if (target?.Assembly?.FullName != type.Assembly.FullName) continue;
                var to = FolderGraph.FolderOf(target.Namespace?.FullName, root);
                if (to is not null) graph.Add(from, to);
            }
        }
        return graph;
    }

    private void AssertNoCycle(Assembly assembly, string root)
    {
        var graph = GraphOf(assembly, root);
        output.WriteLine(graph.Describe());
        var cycles = graph.Cycles();
        Assert.True(cycles.Count == 0,
            $"{root}'s folders form {cycles.Count} cycle(s): " +
            string.Join("; ", cycles.Select(c => $"{{{string.Join(", ", c)}}}, e.g. {string.Join(" -> ", graph.PathAround(c))}")));
    }
}
