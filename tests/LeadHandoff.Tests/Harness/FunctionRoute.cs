using System.Text.Json;
using LeadHandoff.Tests.Harness.Rpc;

namespace LeadHandoff.Tests.Harness;

/// <summary>A loaded function as the worker described it: id, trigger, and for HTTP the route, methods and auth level.</summary>
public sealed record LoadedFunction(string Name, string Id, string Trigger, string TriggerParameter, string? Route, string[] Methods, string? AuthLevel, string? Schedule, RpcFunctionMetadata Metadata)
{
    /// <summary>Reads the trigger from the worker's raw binding JSON, as the host does.</summary>
    public static LoadedFunction From(RpcFunctionMetadata metadata)
    {
        var trigger = metadata.RawBindings.Select(b => JsonDocument.Parse(b).RootElement)
            .Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase));
        string? Text(string name) => trigger.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var methods = trigger.TryGetProperty("methods", out var m) ? m.EnumerateArray().Select(x => x.GetString()!.ToUpperInvariant()).ToArray() : [];
        return new LoadedFunction(metadata.Name, metadata.FunctionId, trigger.GetProperty("type").GetString()!, trigger.GetProperty("name").GetString()!,
            Text("route"), methods, Text("authLevel")?.ToLowerInvariant(), Text("schedule"), metadata);
    }
}
