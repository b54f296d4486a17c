using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Configuration;

public static class SettingsRegistration
{
    /// <summary>Binds <typeparamref name="T"/> to its section (the root for "") and validates it when the host starts.</summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, string sectionName)
        where T : class, ISettings
    {
        services.AddSingleton<IValidateOptions<T>, SettingsValidator<T>>();
        var builder = services.AddOptions<T>();
        builder = sectionName.Length == 0
            ? builder.Configure<IConfiguration>((options, configuration) => configuration.Bind(options))
            : builder.BindConfiguration(sectionName);
        return builder.ValidateOnStart();
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
