using System.ComponentModel.DataAnnotations;
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
        services.AddSingleton<IValidateOptions<T>>(new SettingsValidator<T>(sectionName));
        var builder = services.AddOptions<T>();
        builder = sectionName.Length == 0
            ? builder.Configure<IConfiguration>((options, configuration) => configuration.Bind(options))
            : builder.BindConfiguration(sectionName);
        return builder.ValidateOnStart();
    }

    /// <summary>
    /// Runs the data annotations (simple ranges), then the class's own checks (rules across settings).
    /// Both name the setting as configuration writes it.
    /// </summary>
    private sealed class SettingsValidator<T>(string sectionName) : IValidateOptions<T> where T : class, ISettings
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var failures = new List<string>();
            foreach (var property in typeof(T).GetProperties())
            {
                var value = property.GetValue(options);
                var context = new ValidationContext(options)
                {
                    MemberName = property.Name,
                    DisplayName = sectionName.Length == 0 ? property.Name : $"{sectionName}:{property.Name}",
                };
                foreach (var attribute in property.GetCustomAttributes(typeof(ValidationAttribute), inherit: true).Cast<ValidationAttribute>())
                {
                    if (attribute.GetValidationResult(value, context) is { ErrorMessage: { } message }) failures.Add(message);
                }
            }
            failures.AddRange(options.Validate());
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
