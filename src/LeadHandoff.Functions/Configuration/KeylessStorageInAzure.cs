using LeadHandoff.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Functions.Configuration;

/// <summary>
/// Outside Development the app reaches storage with its managed identity only: a connection string
/// that carries an account key (or points at the emulator) is refused at start-up, naming the
/// setting and never quoting it. Locally and under the tests, Azurite's key is what it takes.
/// </summary>
public sealed class KeylessStorageInAzure(IServiceProvider services) : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        // No host (the in-process tests): nothing says this is Azure.
        if (services.GetService<IHostEnvironment>() is not { } environment || environment.IsDevelopment()) return ValidateOptionsResult.Success;
        var connection = options.ConnectionString ?? "";
        if (connection.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase) || connection.Contains("SharedAccessSignature=", StringComparison.OrdinalIgnoreCase))
            return ValidateOptionsResult.Fail($"Storage:ConnectionString carries a key, and outside Development ({environment.EnvironmentName}) the app uses its managed identity only: set Storage:TableServiceUri instead.");
        if (connection.Contains("UseDevelopmentStorage", StringComparison.OrdinalIgnoreCase))
            return ValidateOptionsResult.Fail($"Storage:ConnectionString points at the local storage emulator, which does not exist outside Development ({environment.EnvironmentName}): set Storage:TableServiceUri instead.");
        return ValidateOptionsResult.Success;
    }
}
