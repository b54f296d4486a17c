using LeadHandoff.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadHandoff.HotLane;

public static class HotLaneServiceCollectionExtensions
{
    public static IServiceCollection AddHotLane(this IServiceCollection services)
    {
        services.AddSettings<HotLaneOptions>(HotLaneOptions.SectionName);
        services.AddTransient<HotLaneService>();
        return services;
    }
}
