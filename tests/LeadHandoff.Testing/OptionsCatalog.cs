using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using LeadHandoff.Configuration;

namespace LeadHandoff.Tests.Infra;

/// <summary>Every setting the app binds, found by reflection over its <see cref="ISettings"/> classes.</summary>
public static partial class OptionsCatalog
{
    public static IReadOnlyList<(Type Type, string Section)> SettingsClasses { get; } =
        new[] { typeof(ISettings).Assembly, typeof(LeadHandoff.Functions.FunctionAppServices).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ISettings).IsAssignableFrom(t))
            .Select(t => (t, (string?)t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) ?? ""))
            .ToList();

    /// <summary>True when an app setting name (Section__Key__0__Field) lands on a bindable property.</summary>
    public static bool Binds(string settingName)
    {
        var parts = settingName.Split("__");
        foreach (var (type, section) in SettingsClasses)
        {
            if (section.Length > 0 && string.Equals(parts[0], section, StringComparison.OrdinalIgnoreCase) && Walk(type, parts.AsSpan(1))) return true;
            if (section.Length == 0 && Walk(type, parts)) return true;
        }
        return false;
    }

    private static bool Walk(Type type, ReadOnlySpan<string> path)
    {
        if (path.Length == 0) return false;
        var property = type.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is not { CanWrite: true }) return false;
        var propertyType = property.PropertyType;
        var rest = path[1..];
        if (propertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(propertyType) && propertyType.IsGenericType)
        {
            if (rest.Length == 0 || !int.TryParse(rest[0], out _)) return false;
            var element = propertyType.GetGenericArguments()[0];
            rest = rest[1..];
            return IsLeaf(element) ? rest.Length == 0 : Walk(element, rest);
        }
        return IsLeaf(Nullable.GetUnderlyingType(propertyType) ?? propertyType) ? rest.Length == 0 : Walk(propertyType, rest);
    }

    private static bool IsLeaf(Type type) => type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(TimeOnly) || type == typeof(DateOnly);

    /// <summary>
    /// Every setting an option class reads, as the messages write it (<c>Section:Key</c>, nested
    /// <c>Section:Key:Sub</c>); a list is one setting (<c>Intake:Sectors</c>, <c>Routing:Owners</c>).
    /// </summary>
    public static IReadOnlyList<string> Leaves()
    {
        var leaves = new List<string>();
        void Add(Type type, string prefix, int depth)
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                var name = prefix.Length == 0 ? property.Name : prefix + ":" + property.Name;
                var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                var isList = propertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(propertyType);
                if (isList || IsLeaf(propertyType) || depth > 3) leaves.Add(name);
                else Add(propertyType, name, depth + 1);
            }
        }
        foreach (var (type, section) in SettingsClasses) Add(type, section, 0);
        return leaves;
    }

    /// <summary>
    /// Settings the app cannot start without, by its own validation of the defaults: each entry is a
    /// group of which at least one must be set (a message can name alternatives).
    /// </summary>
    public static IReadOnlyList<string[]> RequiredGroups()
    {
        var groups = new List<string[]>();
        foreach (var (type, _) in SettingsClasses)
        {
            var defaults = (ISettings)Activator.CreateInstance(type)!;
            foreach (var message in defaults.Validate())
            {
                var names = SettingName().Matches(message).Select(m => m.Value.Replace(":", "__", StringComparison.Ordinal)).Distinct().ToArray();
                Assert.True(names.Length > 0, $"Validation message names no setting: {message}");
                groups.Add(names);
            }
        }
        return groups;
    }

    [GeneratedRegex(@"\b[A-Z][A-Za-z]+:[A-Za-z]+(?::[A-Za-z0-9]+)*\b|\b[A-Z][A-Za-z]+Schedule\b")]
    private static partial Regex SettingName();
}
