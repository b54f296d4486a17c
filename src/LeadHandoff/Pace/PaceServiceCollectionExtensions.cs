using LeadHandoff.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadHandoff.Pace;

public static class PaceServiceCollectionExtensions
{
    public static IServiceCollection AddPace(this IServiceCollection services)
    {
        services.AddSettings<PaceOptions>(PaceOptions.SectionName);
        services.AddTransient<PaceService>();
        return services;
    }
}
