using LeadHandoff.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadHandoff.Privacy;

public static class PrivacyServiceCollectionExtensions
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddSettings<RetentionOptions>(RetentionOptions.SectionName);
        services.AddSingleton<PersonalDataStore>();
        services.AddSingleton<WithdrawalStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<WatermarkStore>();
        services.AddTransient<PrivacyService>();
        services.AddTransient<WithdrawalService>();
        return services;
    }
}
