using System.ComponentModel.DataAnnotations;
using LeadHandoff.Configuration;

namespace LeadHandoff.Tables;

/// <summary>
/// Where the lead tables live. Locally and in tests a connection string (Azurite); in Azure the
/// table endpoint reached with the app's managed identity, no keys.
/// </summary>
public sealed class StorageOptions : ISettings
{
    public const string SectionName = "Storage";

    public string? ConnectionString { get; set; }

    /// <summary>e.g. https://account.table.core.windows.net, used with DefaultAzureCredential.</summary>
    public string? TableServiceUri { get; set; }

    /// <summary>Client id of the user-assigned identity, when the app has one.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Prefix of every table name, so several environments can share an account.</summary>
    public string TablePrefix { get; set; } = "LeadHandoff";

    [Range(0, 10, ErrorMessage = SettingMessages.Between)]
    public int MaxRetries { get; set; } = 3;

    [Range(1, 300, ErrorMessage = SettingMessages.Between)]
    public int NetworkTimeoutSeconds { get; set; } = 30;

    /// <summary>First wait before a retry; later ones grow exponentially up to 5 s.</summary>
    [Range(1, 10000, ErrorMessage = SettingMessages.Between)]
    public int RetryDelayMilliseconds { get; set; } = 400;

    /// <summary>
    /// What makes a connection string unusable, found now rather than as a 500 on every request.
    /// The message never quotes the value: it holds a secret.
    /// </summary>
    private static string? ConnectionStringProblem(string connectionString)
    {
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0) return "is not a connection string: expected Name=value pairs separated by semicolons.";
            parts[part[..equals]] = part[(equals + 1)..];
        }
        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && dev.Equals("true", StringComparison.OrdinalIgnoreCase)) return null;
        if (parts.TryGetValue("AccountKey", out var key) && !Convert.TryFromBase64String(key, new byte[key.Length], out _))
            return "has an AccountKey that is not base64: copy the key again from the storage account.";
        if (!parts.ContainsKey("AccountName") && !parts.ContainsKey("TableEndpoint"))
            return "names neither an AccountName nor a TableEndpoint.";
        try
        {
            _ = new Azure.Data.Tables.TableServiceClient(connectionString);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            return "could not be read as a storage connection string.";
        }
        return null;
    }

    public IEnumerable<string> Validate()
    {
        var hasConnectionString = !string.IsNullOrWhiteSpace(ConnectionString);
        var hasUri = !string.IsNullOrWhiteSpace(TableServiceUri);
        if (hasConnectionString == hasUri)
            yield return $"Set exactly one of {SectionName}:ConnectionString (local, Azurite) and {SectionName}:TableServiceUri (Azure, managed identity).";
        if (hasConnectionString && ConnectionStringProblem(ConnectionString!) is { } problem)
            yield return $"{SectionName}:ConnectionString {problem}";
        if (hasUri && !Uri.TryCreate(TableServiceUri, UriKind.Absolute, out _))
            yield return $"{SectionName}:TableServiceUri must be an absolute URL such as https://account.table.core.windows.net.";
        if (TablePrefix.Length is < 1 or > 40 || !char.IsAsciiLetter(TablePrefix[0]) || !TablePrefix.All(char.IsAsciiLetterOrDigit))
            yield return $"{SectionName}:TablePrefix must be 1 to 40 letters or digits, starting with a letter.";
    }
}
