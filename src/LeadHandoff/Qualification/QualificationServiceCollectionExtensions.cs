using LeadHandoff.Configuration;
using LeadHandoff.Leads;
using Microsoft.Extensions.DependencyInjection;

namespace LeadHandoff.Qualification;

public static class QualificationServiceCollectionExtensions
{
    public static IServiceCollection AddQualification(this IServiceCollection services)
    {
        services.AddSettings<QualificationOptions>(QualificationOptions.SectionName);
        services.AddTransient<QualificationService>();
        return services;
    }
}
