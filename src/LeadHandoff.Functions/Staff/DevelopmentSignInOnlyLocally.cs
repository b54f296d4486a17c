using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Functions.Staff;

/// <summary>
/// The development sign-in cannot be switched on in Azure: with <c>StaffSignIn:DevelopmentUser</c>
/// set, the app starts only in the Development environment and only off App Service (no
/// <c>WEBSITE_INSTANCE_ID</c>, which the platform sets on every instance it runs).
/// </summary>
public sealed class DevelopmentSignInOnlyLocally(IServiceProvider services, IConfiguration configuration) : IValidateOptions<StaffSignInOptions>
{
    public ValidateOptionsResult Validate(string? name, StaffSignInOptions options)
    {
        if (options.DevelopmentUser.Length == 0) return ValidateOptionsResult.Success;
        var environment = services.GetService<IHostEnvironment>();
        if (configuration["WEBSITE_INSTANCE_ID"] is { Length: > 0 })
            return ValidateOptionsResult.Fail("StaffSignIn:DevelopmentUser is a local development sign-in and cannot be used on App Service: remove it; staff sign in with Entra ID there.");
        if (environment is not null && !environment.IsDevelopment())
            return ValidateOptionsResult.Fail($"StaffSignIn:DevelopmentUser is a local development sign-in and the environment is {environment.EnvironmentName}, not Development: remove it.");
        return ValidateOptionsResult.Success;
    }
}
