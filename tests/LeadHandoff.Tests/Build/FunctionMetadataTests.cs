using System.Text.Json;
using LeadHandoff.Tests.Infrastructure;

namespace LeadHandoff.Tests.Build;

/// <summary>What the host will read from the build output: host.json and the generated function metadata.</summary>
public sealed class FunctionMetadataTests
{
    private static string OutputFile(string name)
    {
        var path = Path.Combine(FunctionAppOutput.Path, name);
        Assert.True(File.Exists(path), $"{name} is missing from the build output {FunctionAppOutput.Path}");
        return path;
    }

    private static JsonElement Function(string name) =>
        JsonDocument.Parse(File.ReadAllText(OutputFile("functions.metadata"))).RootElement
            .EnumerateArray().Single(f => f.GetProperty("name").GetString() == name);

    [Fact]
    public void The_build_output_holds_the_root_host_json()
    {
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "host.json")), File.ReadAllText(OutputFile("host.json")));
    }

    [Fact]
    public void SubmitLead_is_an_anonymous_post_http_trigger_on_route_leads()
    {
        var trigger = Function("SubmitLead").GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "httpTrigger");

        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString(), ignoreCase: true);
        Assert.Equal(["post"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("leads", trigger.GetProperty("route").GetString());
    }
}
