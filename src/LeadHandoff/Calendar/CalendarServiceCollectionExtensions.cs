using LeadHandoff.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadHandoff.Calendar;

public static class CalendarServiceCollectionExtensions
{
    public static IServiceCollection AddSlaCalendar(this IServiceCollection services)
    {
        services.AddSettings<SlaOptions>(SlaOptions.SectionName);
        services.AddSingleton<SlaCalendar>();
        return services;
    }
}
