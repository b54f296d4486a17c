using System.Text.Json;

namespace LeadHandoff.EndToEnd.Tests;

/// <summary>What the real host makes of the app: the functions it loads, and a start it refuses.</summary>
[Trait("Category", "Host")]
public sealed class HostContractTests : IAsyncLifetime
{
    private Azurite _storage = null!;

    public async Task InitializeAsync() => _storage = await Azurite.StartAsync(tableOnly: false);

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task The_functions_the_host_loads_equal_the_committed_expectation()
    {
        await using var host = await FuncHost.StartAsync(TestSettings.For(_storage.ConnectionString), _storage.ConnectionString);
        Assert.NotEmpty(host.LiveWorkers()); // what the bad-setting test below finds gone

        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "expected-functions.json"))).RootElement
            .EnumerateArray().Select(f => (
                f.GetProperty("name").GetString(), f.GetProperty("trigger").GetString(), f.GetProperty("authLevel").GetString(), f.GetProperty("route").GetString(),
                string.Join(",", f.GetProperty("methods").EnumerateArray().Select(m => m.GetString())), f.GetProperty("schedule").GetString()))
            .ToList();
        var loaded = (await host.FunctionsAsync()).EnumerateArray().Select(f =>
        {
            var trigger = f.GetProperty("config").GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            string? Text(string name) => trigger.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var methods = trigger.TryGetProperty("methods", out var m) ? m.EnumerateArray().Select(x => x.GetString()!.ToUpperInvariant()) : [];
            return (f.GetProperty("name").GetString(), Text("type"), Text("authLevel")?.ToLowerInvariant(), Text("route"), string.Join(",", methods), Text("schedule"));
        }).OrderBy(f => f.Item1, StringComparer.Ordinal).ToList();

        Assert.Equal(expected, loaded);
    }

    [Fact]
    public async Task A_bad_setting_stops_the_worker_with_a_message_naming_it()
    {
        var settings = TestSettings.For(_storage.ConnectionString);
        settings["Sla:TimeZone"] = "Mars/Olympus_Mons";

        await using var host = FuncHost.Launch(settings, _storage.ConnectionString);

        await host.UntilAsync(() => host.Output.Contains("Sla:TimeZone 'Mars/Olympus_Mons' is not a known IANA time zone.", StringComparison.Ordinal),
            TimeSpan.FromSeconds(90), "the worker to report the bad setting");
        // Each start of the worker fails the same way, until the host gives up on it: no worker is
        // left running with the bad setting (the host goes on, with no functions, until it is fixed).
        await host.UntilAsync(() => host.Output.Contains("Exceeded language worker restart retry count", StringComparison.Ordinal),
            TimeSpan.FromSeconds(90), "the host to stop restarting the worker");
        Assert.Empty(host.LiveWorkers());
    }
}
