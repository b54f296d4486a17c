using Microsoft.Extensions.DependencyInjection;

namespace LeadHandoff.Agreement;

public static class AgreementServiceCollectionExtensions
{
    public static IServiceCollection AddAgreement(this IServiceCollection services)
    {
        // Not validated at start-up: the seed is checked when version 1 is written (AgreementService).
        services.AddOptions<AgreementOptions>().BindConfiguration(AgreementOptions.SectionName);
        services.AddSingleton<AgreementStore>();
        services.AddSingleton<AgreementCache>();
        services.AddSingleton<Weeks.IWeekDeadlines, AgreementWeekDeadlines>();
        services.AddTransient<AgreementApprovals>();
        services.AddTransient<AgreementService>();
        return services;
    }
}
