namespace LeadHandoff.Tests.Architecture;

/// <summary>
/// Which top-level folder of a project uses which, and the cycles among them. A folder is the first
/// namespace segment under the project's root namespace (the types in the root itself are "(root)").
/// </summary>
public sealed class FolderGraph
{
    private readonly SortedDictionary<string, SortedSet<string>> _edges = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Folders => _edges.Keys;

    public IReadOnlySet<string> UsesOf(string folder) =>
        _edges.TryGetValue(folder, out var targets) ? targets : new SortedSet<string>();

    public void Add(string folder) => _edges.TryAdd(folder, new SortedSet<string>(StringComparer.Ordinal));

    public void Add(string from, string to)
    {
        Add(from);
        Add(to);
        if (from != to) _edges[from].Add(to);
    }

    /// <summary>The folder a namespace belongs to under <paramref name="root"/>, or null when it lies outside.</summary>
    public static string? FolderOf(string? ns, string root)
    {
        if (ns is null) return null;
        if (ns == root) return "(root)";
        if (!ns.StartsWith(root + ".", StringComparison.Ordinal)) return null;
        var rest = ns[(root.Length + 1)..];
        var dot = rest.IndexOf('.');
        return dot < 0 ? rest : rest[..dot];
    }

    /// <summary>
    /// The strongly connected components with more than one folder (Tarjan's algorithm): each is a set
    /// of folders that all reach one another, so none of them can be read or moved without the others.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var onStack = new HashSet<string>();
        var stack = new Stack<string>();
        var cycles = new List<IReadOnlyList<string>>();
        var next = 0;

        void Visit(string v)
        {
            index[v] = low[v] = next++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in UsesOf(v))
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            } while (member != v);
            if (component.Count > 1) cycles.Add(component.Order(StringComparer.Ordinal).ToList());
        }

        foreach (var folder in Folders)
        {
            if (!index.ContainsKey(folder)) Visit(folder);
        }
        return cycles;
    }

    /// <summary>One path that closes a cycle inside <paramref name="component"/>, for a failure message a person can act on.</summary>
    public IReadOnlyList<string> PathAround(IReadOnlyList<string> component)
    {
        var inside = component.ToHashSet();
        var start = component[0];
        var previous = new Dictionary<string, string>();
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var v = queue.Dequeue();
            foreach (var w in UsesOf(v).Where(inside.Contains))
            {
                if (w == start)
                {
                    var path = new List<string> { start };
                    for (var at = v; at != start; at = previous[at]) path.Insert(1, at);
                    path.Add(start);
                    return path;
                }
                if (previous.TryAdd(w, v)) queue.Enqueue(w);
            }
        }
        return component;
    }

    /// <summary>The graph as lines "Folder -> A, B", sorted, for the test output and the closing note.</summary>
    public string Describe() =>
        string.Join('\n', _edges.Select(e => $"{e.Key} -> {(e.Value.Count == 0 ? "(nothing)" : string.Join(", ", e.Value))}"));
}
