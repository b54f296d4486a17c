using LeadHandoff.Configuration;
using LeadHandoff.Storage;
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
        services.AddTransient<PrivacyService>();
        services.AddTransient<WithdrawalService>();
        return services;
    }
}
