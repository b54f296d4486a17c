using LeadHandoff.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Functions.Configuration;

/// <summary>
/// Webhooks:AllowLocalReceivers lets a subscription post to this machine or a private address, for
/// a local receiver. Outside Development that would let a subscription reach the platform's own
/// network, so the app refuses to start with it, naming the setting.
/// </summary>
public sealed class LocalReceiversOnlyInDevelopment(IServiceProvider services) : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        // No host (the in-process tests): nothing says this is Azure.
        if (!options.AllowLocalReceivers || services.GetService<IHostEnvironment>() is not { } environment || environment.IsDevelopment()) return ValidateOptionsResult.Success;
        return ValidateOptionsResult.Fail($"Webhooks:AllowLocalReceivers is for a local receiver in Development, and this is {environment.EnvironmentName}: remove it.");
    }
}
