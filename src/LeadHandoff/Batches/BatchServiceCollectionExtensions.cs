using LeadHandoff.Configuration;
using LeadHandoff.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LeadHandoff.Batches;

public static class BatchServiceCollectionExtensions
{
    public static IServiceCollection AddWeeklyBatch(this IServiceCollection services)
    {
        services.AddSettings<BatchOptions>(BatchOptions.SectionName);
        services.AddSettings<RoutingOptions>(RoutingOptions.SectionName);
        services.AddSingleton<Team.TeamRoster>();
        services.AddSingleton<LeadRouter>();
        services.AddTransient<Team.ReassignmentService>();
        services.AddTransient<Team.TeamAdminService>();
        services.AddTransient<WeeklyBatchService>();
        return services;
    }
}
