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
    public async Task The_example_settings_start_the_app_and_every_value_lands_in_its_option()
    {
        var example = Example();

        await using var app = TestApp.Create("UseDevelopmentStorage=true", s =>
        {
            s.Clear();
            foreach (var (key, value) in example) s[key.Replace("__", ":", StringComparison.Ordinal)] = value;
        });

        // Read back through the typed options the app validated at start, not through the settings we gave it.
        var checkedCount = 0;
        foreach (var (key, value) in example.Where(e => e.Key is not ("AzureWebJobsStorage" or "FUNCTIONS_WORKER_RUNTIME")))
        {
            var parts = key.Split("__");
            var (type, section) = OptionsCatalog.SettingsClasses.First(c => c.Section.Length > 0 ? string.Equals(c.Section, parts[0], StringComparison.OrdinalIgnoreCase) : c.Type.GetProperty(parts[0]) is not null);
            var holder = app.Services.GetService(typeof(Microsoft.Extensions.Options.IOptions<>).MakeGenericType(type))!;
            var options = holder.GetType().GetProperty("Value")!.GetValue(holder)!;
            var (bound, leafType) = ValueAt(options, section.Length > 0 ? parts[1..] : parts);
            var expected = string.IsNullOrEmpty(value) ? null : System.ComponentModel.TypeDescriptor.GetConverter(leafType).ConvertFromInvariantString(value!);
            Assert.True(Equals(expected, bound is "" ? null : bound), $"{key}: the example says '{value}', the app bound '{bound}'");
            checkedCount++;
        }
        Assert.True(checkedCount > 90, $"only {checkedCount} settings checked");
    }

    private static (object? Value, Type Type) ValueAt(object target, string[] path)
    {
        object? current = target;
        var type = target.GetType();
        for (var i = 0; i < path.Length; i++)
        {
            if (current is System.Collections.IList list)
            {
                var index = int.Parse(path[i], System.Globalization.CultureInfo.InvariantCulture);
                type = type.GetGenericArguments()[0];
                current = index < list.Count ? list[index] : null;
                continue;
            }
            var property = type.GetProperty(path[i], System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase)!;
            type = property.PropertyType;
            current = current is null ? null : property.GetValue(current);
        }
        return (current, Nullable.GetUnderlyingType(type) ?? type);
    }

    [Fact]
    public void Every_option_the_app_cannot_start_without_is_in_the_example()
    {
        var keys = Example().Keys.ToList();

        var missing = OptionsCatalog.RequiredGroups().Where(group => !group.Any(r => keys.Any(k => k == r || k.StartsWith(r + "__", StringComparison.Ordinal)))).ToList();

        Assert.Empty(missing);
    }
}
