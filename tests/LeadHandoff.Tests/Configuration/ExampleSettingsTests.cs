using System.Text.Json;
using LeadHandoff.Tests.Infra;
using LeadHandoff.Tests.Infrastructure;

namespace LeadHandoff.Tests.Configuration;

/// <summary>The committed local.settings.example.json: every setting is real, and together they start the app.</summary>
public sealed class ExampleSettingsTests
{
    private static Dictionary<string, string?> Example() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "LeadHandoff.Functions", "local.settings.example.json")))
            .RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name, p => (string?)p.Value.GetString());

    [Fact]
    public void Every_setting_in_the_example_binds_to_an_option_or_is_the_hosts_own()
    {
        var unknown = Example().Keys.Where(k => k is not ("AzureWebJobsStorage" or "FUNCTIONS_WORKER_RUNTIME") && !OptionsCatalog.Binds(k)).ToList();

        Assert.Empty(unknown);
    }

    [Fact]
    public async Task The_example_settings_start_the_app()
    {
        var example = Example();

        await using var app = TestApp.Create("UseDevelopmentStorage=true", s =>
        {
            s.Clear();
            foreach (var (key, value) in example) s[key.Replace("__", ":", StringComparison.Ordinal)] = value;
        });

        Assert.Equal("Europe/London", app.Settings["Sla:TimeZone"]);
    }

    [Fact]
    public void Every_option_the_app_cannot_start_without_is_in_the_example()
    {
        var keys = Example().Keys.ToList();

        var missing = OptionsCatalog.RequiredGroups().Where(group => !group.Any(r => keys.Any(k => k == r || k.StartsWith(r + "__", StringComparison.Ordinal)))).ToList();

        Assert.Empty(missing);
    }
}
