using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Configuration;

public static class SettingsRegistration
{
    /// <summary>Binds <typeparamref name="T"/> to its section and validates it when the host starts.</summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, string sectionName)
        where T : class, ISettings
    {
        services.AddSingleton<IValidateOptions<T>, SettingsValidator<T>>();
        return services.AddOptions<T>().BindConfiguration(sectionName).ValidateOnStart();
    }

    private sealed class SettingsValidator<T> : IValidateOptions<T> where T : class, ISettings
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var failures = options.Validate().ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
