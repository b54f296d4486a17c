using LeadHandoff.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadHandoff.Weeks;

public static class WeeksServiceCollectionExtensions
{
    public static IServiceCollection AddSlaCalendar(this IServiceCollection services)
    {
        services.AddSettings<SlaOptions>(SlaOptions.SectionName);
        services.AddSingleton<SlaCalendar>();
        services.AddSingleton<BatchLedger>();
        return services;
    }
}
