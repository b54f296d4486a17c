using LeadHandoff.Configuration;
using LeadHandoff.Spam;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LeadHandoff.Intake;

public static class IntakeServiceCollectionExtensions
{
    public static IServiceCollection AddLeadIntake(this IServiceCollection services)
    {
        services.AddSettings<IntakeOptions>(IntakeOptions.SectionName);
        services.AddSettings<TurnstileOptions>(TurnstileOptions.SectionName);
        services.AddHttpClient<TurnstileVerifier>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LeadFormValidator>();
        services.AddSingleton<ClientRateLimiter>();
        services.AddSingleton<FormStamps>();
        services.AddSingleton<SenderChecks>();
        // Transient: it holds a typed HttpClient, which must not be captured for the life of the app.
        services.AddTransient<LeadIntakeService>();
        return services;
    }
}
