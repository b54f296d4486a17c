using LeadHandoff.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadHandoff.Deadlines;

public static class DeadlineServiceCollectionExtensions
{
    public static IServiceCollection AddDeadlines(this IServiceCollection services)
    {
        services.AddSettings<EscalationOptions>(EscalationOptions.SectionName);
        services.AddSingleton<EscalationLadder>();
        services.AddTransient<DeadlineService>();
        return services;
    }
}
